"""Beheer: roles per e-mail address and the audit trail (beheerder only)."""

import streamlit as st

from capaciteit import audit, roles, texts
from capaciteit.access import MANAGE_ROLES, REGION_EDITOR, AccessDenied, can, role_table
from capaciteit.admin_view import audit_view, grant_label, grants_view
from capaciteit.exports import to_xlsx_bytes
from pages._shared import context, show_table

ctx = context()
st.title(texts.ADMIN_HEADER)
if not can(ctx.user, MANAGE_ROLES):
    st.info(texts.ADMIN_ONLY)
    st.stop()
names = ctx.boundaries.region_names()

st.subheader(texts.ROLES_HEADER)
with ctx.engine.connect() as conn:
    grants = roles.grants_frame(conn)
show_table(grants_view(grants))
with st.form("rol_toekennen", clear_on_submit=True):
    email = st.text_input(texts.ROLE_EMAIL)
    role = st.selectbox(texts.ROLE_CHOICE, list(role_table()))
    region = st.selectbox(texts.ROLE_REGION, [None, *names], format_func=lambda c: (
        "—" if c is None else f"{names[c]} ({c})"))
    if st.form_submit_button(texts.ROLE_GRANT_BUTTON) and email.strip():
        spec = f"{role}:{region}" if role == REGION_EDITOR and region else role
        try:
            roles.grant(ctx.engine, ctx.user, email, spec)
        except (AccessDenied, ValueError) as error:
            st.error(str(error))
        else:
            st.success(texts.ROLE_GRANTED.format(rol=spec, email=email.strip().lower()))
            st.rerun()
if not grants.empty:
    labels = {int(r["id"]): grant_label(r) for _, r in grants.iterrows()}
    chosen = st.selectbox(texts.ROLE_REVOKE_CHOICE, list(labels), format_func=labels.get)
    if st.button(texts.ROLE_REVOKE_BUTTON):
        roles.revoke(ctx.engine, ctx.user, int(chosen))
        st.rerun()

st.subheader(texts.AUDIT_HEADER)
with ctx.engine.connect() as conn:
    shown = audit_view(audit.events(conn))
show_table(shown)
st.download_button(texts.AUDIT_DOWNLOAD, to_xlsx_bytes(shown, "Auditspoor"), "auditspoor.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
