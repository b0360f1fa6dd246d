"""acme-service: invoices for the Acme customer portal (example code, not run)."""
