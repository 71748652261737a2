"""Beheer: roles per e-mail address (MANAGE_ROLES) and the audit trail (VIEW_AUDIT)."""

import streamlit as st

from capaciteit import texts
from capaciteit.access import roles
from capaciteit.access.overview import audit_trail, current_grants
from capaciteit.access.permissions import (
    MANAGE_ROLES,
    REGIONAL_ROLES,
    VIEW_AUDIT,
    AccessDenied,
    can,
    role_table,
)
from capaciteit.access.view import audit_view, grant_label, grants_view
from capaciteit.exports import XLSX_TYPE, to_xlsx_bytes
from capaciteit.formatting import plain
from pages._shared import context, flash, show_flash, show_table, write_refused

ROLES_SLOT = "rollen"

ctx = context()
st.title(texts.ADMIN_HEADER)
may_manage_roles, may_view_audit = can(ctx.user, MANAGE_ROLES), can(ctx.user, VIEW_AUDIT)
if not (may_manage_roles or may_view_audit):
    st.info(texts.ADMIN_ONLY)
    st.stop()
names = ctx.boundaries.region_names()


def grant_role() -> None:
    """On submit, before the page reruns: grant the role, keep the outcome to show.

    A callback, so the click survives the rerun that ``context()`` may ask for, and
    the table below already lists the new grant.
    """
    email = str(st.session_state.get("rol_email") or "").strip()
    if not email:
        return
    role, region = st.session_state["rol_rol"], st.session_state["rol_regio"]
    spec = f"{role}:{region}" if role in REGIONAL_ROLES and region else role
    try:  # the core checks the role table as it is now, not ctx.user's roles of the last run
        roles.grant(ctx.engine, ctx.user, email, spec)
    except AccessDenied as refused:  # shown first by context()
        write_refused(refused)
    except ValueError as error:
        flash(ROLES_SLOT, "error", plain(error))
    else:
        flash(ROLES_SLOT, "success", texts.ROLE_GRANTED.format(rol=spec,
                                                               email=plain(email.lower())))


def revoke_role() -> None:
    """On click, before the page reruns: revoke the chosen grant, keep the outcome."""
    try:
        roles.revoke(ctx.engine, ctx.user, int(st.session_state["rol_intrekken"]))
    except AccessDenied as refused:
        write_refused(refused)
    else:
        flash(ROLES_SLOT, "success", texts.ROLE_REVOKED)


if may_manage_roles:
    st.subheader(texts.ROLES_HEADER)
    grants = current_grants(ctx.engine)
    show_table(grants_view(grants))
    with st.form("rol_toekennen", clear_on_submit=True):
        st.text_input(texts.ROLE_EMAIL, key="rol_email")
        st.selectbox(texts.ROLE_CHOICE, list(role_table()), key="rol_rol",
                     placeholder=texts.CHOOSE_OPTION)
        st.selectbox(texts.ROLE_REGION, [None, *names], key="rol_regio", format_func=lambda c: (
            "—" if c is None else f"{names[c]} ({c})"),
                     placeholder=texts.CHOOSE_OPTION)
        st.form_submit_button(texts.ROLE_GRANT_BUTTON, on_click=grant_role)
    show_flash(ROLES_SLOT)
    if not grants.empty:
        labels = {int(r["id"]): grant_label(r) for _, r in grants.iterrows()}
        st.selectbox(texts.ROLE_REVOKE_CHOICE, list(labels), format_func=lambda i: labels[i],
                     key="rol_intrekken",
                     placeholder=texts.CHOOSE_OPTION)
        st.button(texts.ROLE_REVOKE_BUTTON, on_click=revoke_role)

if may_view_audit:
    st.subheader(texts.AUDIT_HEADER)
    shown = audit_view(audit_trail(ctx.engine, ctx.user))
    show_table(shown)
    st.download_button(texts.AUDIT_DOWNLOAD, to_xlsx_bytes(shown, texts.AUDIT_HEADER),
                       "auditspoor.xlsx", XLSX_TYPE)
