"""One Pelican build: every VISNYK_* setting checked, what the build knows about the council, strict mode, and
the Jinja filters and globals templates use."""
