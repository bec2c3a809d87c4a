-- Entitlement and usage (institutions, packages, accounts, subscriptions, institution librarians,
-- usage_events) belong to Search.Api, whose own migrations (journal search_api_migrations) create them.
-- Databases made before then got them from this script; it stays in the numbering for their journals
-- and does nothing now.
SELECT 1;
