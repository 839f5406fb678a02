window.CMS_MANUAL_INIT = true; // admin/visnyk.js registers the council format, then starts Decap
