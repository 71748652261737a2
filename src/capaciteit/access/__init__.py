"""Access: permissions and roles, who the user is, and the insert-only audit trail."""
