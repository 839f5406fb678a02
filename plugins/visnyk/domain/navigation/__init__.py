"""Where each page lives and how one gets there: URLs, slugs by the official transliteration, and the breadcrumb
trail from the home page."""
