"""The live preview: Pelican kept in one process, files watched, pages rendered when the browser asks, and open
tabs told to reload."""
