"""What the site's search index holds for each page: stemmed words to match, readable words to show."""
