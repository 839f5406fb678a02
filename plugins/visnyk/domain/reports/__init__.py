"""Department reports: which exist and what each says, and the official document (ДСТУ 4163) the renderers in
`visnyk.render` draw as Markdown, Word and PDF."""
