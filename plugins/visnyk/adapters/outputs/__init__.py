"""The pages and files the site publishes besides the items: home and lists, statistics, meetings, department
reports, search, the web editor, sitemap and robots.txt."""
