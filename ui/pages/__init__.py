"""Pages of the session window, one per part of the job."""
