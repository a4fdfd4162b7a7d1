"""Services: one module per aggregate; each public write is one transaction."""
