"""The web editor's declaration (Decap CMS config), generated from the content contract."""
