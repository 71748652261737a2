"""Streamlit edge for agreements: the create/edit form and the cached white-spot picture."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from capaciteit import texts
from capaciteit.access.permissions import AGREEMENT_WRITE, NATIONAL_AGREEMENT, AccessDenied, can
from capaciteit.agreements import importing as agreement_import
from capaciteit.agreements import overview as agreement_overview
from capaciteit.agreements import rules as agreement_rules
from capaciteit.agreements import service as agreement_service
from capaciteit.agreements.model import NATIONAL, reference
from capaciteit.agreements.rules import AgreementDraft, AgreementRejected, Catalogue
from capaciteit.agreements.sheet import AgreementSheet, export_frame, read_agreement_sheet
from capaciteit.agreements.view import (
    form_issues_table,
    issues_frame,
    options_from_scopes,
    region_label,
    scope_options,
    scopes_from_options,
)
from capaciteit.bounds import Bounds
from capaciteit.capacity import overview
from capaciteit.exports import XLSX_TYPE, to_xlsx_bytes
from capaciteit.formatting import format_date, plain
from capaciteit.uploads.preview import upload_limits
from capaciteit.uploads.reader import UploadError
from pages._shared import (
    AppContext,
    agreements_token,
    assistance_token,
    flash,
    show_flash,
    show_table,
    write_refused,
)

LABELS = texts.AGREEMENT_FORM_LABELS
TEXT_FIELDS = {"partner_name", "partner_id", "powers", "activation_trigger",
               "compensation_arrangement", "payer", "document_reference", "contact_mailbox",
               "contact_person"}
ROUND_KEY = "nieuw_ronde"
IMPORT_SLOT = "afspraken_import"


@st.cache_data(show_spinner=False, max_entries=4)
def _coverage(url: str, version: tuple[int, ...], today: date, names: dict[str, str],
              _engine: Engine, _regions: pd.DataFrame) -> agreement_overview.Coverage:
    return agreement_overview.coverage(_engine, _regions, names, today)


def coverage(ctx: AppContext, today: date) -> agreement_overview.Coverage:
    """The white-spot picture, recomputed only when capacity or an agreement changed."""
    names = {c.code: c.name for c in ctx.categories}
    return _coverage(ctx.settings.effective_database_url,
                     (*overview.change_token(ctx.engine), agreements_token(ctx),
                      *assistance_token(ctx)), today, names,
                     ctx.engine,
                     ctx.boundaries.regions)


def new_form_prefix() -> str:
    """Widget key prefix of the create form: 'nieuw', then 'nieuw2', … after each save."""
    round_ = st.session_state.get(ROUND_KEY, 0)
    return "nieuw" if round_ == 0 else f"nieuw{round_ + 1}"


def agreement_form(ctx: AppContext, prefix: str, draft: AgreementDraft | None = None,
                   agreement_id: int | None = None, based_on: int | None = None) -> None:
    """The create (``draft`` None) or edit form; saving runs as a callback, before the rerun."""
    names = ctx.boundaries.region_names()
    scopes = scope_options(ctx.categories)
    ref = reference()
    if draft is not None and st.session_state.get(f"{prefix}_seeded") != based_on:
        _seed(prefix, draft)
        st.session_state[f"{prefix}_seeded"] = based_on
    show_flash(prefix)
    key = lambda name: f"{prefix}_{name}"  # noqa: E731
    with st.form(f"{prefix}_form"):
        left, right = st.columns(2)
        left.selectbox(LABELS["region_code"], [NATIONAL, *names], index=None, key=key(
            "region_code"), format_func=lambda c: region_label(c, names),
            placeholder=texts.AGREEMENT_FORM_CHOOSE)
        right.selectbox(LABELS["partner_type"], ref.partner_types, index=None,
                        key=key("partner_type"), placeholder=texts.AGREEMENT_FORM_CHOOSE)
        left.text_input(LABELS["partner_name"], key=key("partner_name"))
        right.text_input(LABELS["partner_id"], key=key("partner_id"),
                         help=texts.AGREEMENT_FIELD_HELP["partner_id"])
        st.multiselect(LABELS["scopes"], list(scopes), key=key("scopes"),
                       format_func=scopes.__getitem__, placeholder=texts.AGREEMENT_FORM_CHOOSE,
                       select_all=False)
        left.number_input(LABELS["committed_persons"], value=None, step=1,
                          key=key("committed_persons"))
        right.number_input(LABELS["lead_time_hours"], value=None, step=1,
                           key=key("lead_time_hours"),
                           help=texts.AGREEMENT_FIELD_HELP["lead_time_hours"])
        st.text_area(LABELS["powers"], key=key("powers"), height=68,
                     help=texts.AGREEMENT_FIELD_HELP["powers"])
        st.text_input(LABELS["activation_trigger"], key=key("activation_trigger"),
                      help=texts.AGREEMENT_FIELD_HELP["activation_trigger"])
        st.text_input(LABELS["compensation_arrangement"], key=key("compensation_arrangement"))
        money = st.columns(3)
        money[0].number_input(LABELS["compensation_eur"], value=None, step=0.01,
                              format="%.2f", key=key("compensation_eur"))
        money[1].selectbox(LABELS["compensation_unit"], ref.compensation_units, index=None,
                           key=key("compensation_unit"), placeholder=texts.AGREEMENT_FORM_CHOOSE)
        money[2].text_input(LABELS["payer"], key=key("payer"))
        left.date_input(LABELS["valid_from"], value=None, format="DD-MM-YYYY",
                        key=key("valid_from"))
        right.date_input(LABELS["valid_to"], value=None, format="DD-MM-YYYY",
                         key=key("valid_to"))
        left.selectbox(LABELS["status"], ref.statuses, key=key("status"),
                       placeholder=texts.CHOOSE_OPTION)
        right.text_input(LABELS["document_reference"], key=key("document_reference"))
        left.text_input(LABELS["contact_mailbox"], key=key("contact_mailbox"))
        right.text_input(LABELS["contact_person"], key=key("contact_person"),
                         help=texts.AGREEMENT_PERSONAL_DATA)
        if st.session_state.get(key("needs_confirm")):
            st.checkbox(texts.AGREEMENT_CONFIRM, key=key("confirm"))
        st.form_submit_button(texts.AGREEMENT_SAVE, type="primary", on_click=_save,
                              args=(ctx, prefix, agreement_id, based_on))


def _draft(prefix: str) -> AgreementDraft:
    state = st.session_state

    def text(name: str) -> str:
        return str(state.get(f"{prefix}_{name}") or "").strip()

    return AgreementDraft(
        region_code=state.get(f"{prefix}_region_code"), partner_name=text("partner_name"),
        partner_type=text("partner_type"),
        scopes=scopes_from_options(state.get(f"{prefix}_scopes") or []),
        committed_persons=state.get(f"{prefix}_committed_persons"),
        lead_time_hours=state.get(f"{prefix}_lead_time_hours"),
        valid_from=state.get(f"{prefix}_valid_from"), status=text("status"),
        partner_id=text("partner_id") or None, powers=text("powers"),
        activation_trigger=text("activation_trigger"),
        compensation_arrangement=text("compensation_arrangement"),
        compensation_eur=state.get(f"{prefix}_compensation_eur"),
        compensation_unit=state.get(f"{prefix}_compensation_unit"), payer=text("payer"),
        valid_to=state.get(f"{prefix}_valid_to"),
        document_reference=text("document_reference"),
        contact_mailbox=text("contact_mailbox"),
        contact_person=text("contact_person") or None)


def _save(ctx: AppContext, prefix: str, agreement_id: int | None,
          based_on: int | None) -> None:
    """On submit, before the page reruns: validate and store, keep the outcome to show."""
    catalogue = Catalogue(ctx.boundaries.region_names(), ctx.categories,
                          Bounds.from_settings(ctx.settings))
    confirmed = bool(st.session_state.get(f"{prefix}_confirm"))
    draft = _draft(prefix)
    try:
        if agreement_id is None:
            saved = agreement_service.create_agreement(
                ctx.engine, draft, actor=ctx.user, catalogue=catalogue,
                accept_warnings=confirmed, labels=LABELS)
            message = texts.AGREEMENT_CREATED.format(id=saved.agreement_id,
                                                     partner=plain(draft.partner_name))
            st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
            prefix = new_form_prefix()  # fresh widgets: the browser keeps a form's values
        else:
            saved = agreement_service.update_agreement(
                ctx.engine, agreement_id, draft, actor=ctx.user, catalogue=catalogue,
                accept_warnings=confirmed, based_on_change=based_on, labels=LABELS)
            message = (texts.AGREEMENT_UPDATED.format(id=agreement_id, velden=", ".join(
                LABELS.get(f, f) for f in saved.changed_fields)) if saved.changed_fields
                else texts.AGREEMENT_UNCHANGED.format(id=agreement_id))
            st.session_state[f"{prefix}_needs_confirm"] = False
    except AccessDenied as refused:  # by the role table as it is now; shown by context()
        write_refused(refused)
        return
    except AgreementRejected as rejected:
        st.session_state[f"{prefix}_needs_confirm"] = bool(rejected.warnings
                                                           and not rejected.errors)
        table = form_issues_table(rejected.errors, rejected.warnings)
        if rejected.errors:
            flash(prefix, "error", texts.AGREEMENT_ERRORS.format(aantal=len(rejected.errors)),
                  table)
        elif rejected.warnings:
            flash(prefix, "warning",
                  texts.AGREEMENT_WARNINGS.format(aantal=len(rejected.warnings)), table)
        else:
            flash(prefix, "error", plain(rejected))
        return
    flash(prefix, "success", message)


def _seed(prefix: str, draft: AgreementDraft) -> None:
    for name in agreement_rules.LOGGED_FIELDS:
        value = getattr(draft, name)
        if name == "scopes":
            value = options_from_scopes(value)
        elif name in ("committed_persons", "lead_time_hours") and value is not None:
            value = int(value)
        elif name == "compensation_eur" and value is not None:
            value = float(value)
        elif value is None and name in TEXT_FIELDS:
            value = ""
        st.session_state[f"{prefix}_{name}"] = value


def may_write_agreements(ctx: AppContext) -> bool:
    """May the acting user record agreements anywhere (a region of theirs, or national)?"""
    return ctx.user.regions_for(AGREEMENT_WRITE) != set() or can(ctx.user, NATIONAL_AGREEMENT)


def exchange_section(ctx: AppContext, catalogue: Catalogue, agreements: pd.DataFrame,
                     scopes: pd.DataFrame, today: date) -> None:
    """Export as xlsx (personal data only when asked), and the atomic import with its check.

    The import is offered only to users who may record agreements; the service checks
    every row's region anyway.
    """
    personal = st.checkbox(texts.AGREEMENT_EXPORT_PERSONAL, key="export_persoonlijk")
    notes = [n.format(datum=format_date(today)) for n in texts.AGREEMENT_EXPORT_NOTES]
    st.download_button(texts.AGREEMENT_EXPORT, to_xlsx_bytes(
        export_frame(agreements, scopes, include_personal=personal), texts.AGREEMENT_SHEET,
        notes if personal else [*notes, texts.AGREEMENT_EXPORT_NO_PERSONAL]),
        "afspraken.xlsx", XLSX_TYPE, icon=":material/download:")
    if not may_write_agreements(ctx):
        return
    st.write(texts.AGREEMENT_IMPORT_INTRO)
    show_flash(IMPORT_SLOT)
    round_ = st.session_state.setdefault("import_ronde", 0)  # a new field after each import
    upload = st.file_uploader(texts.AGREEMENT_IMPORT_LABEL, type=["xlsx", "csv"],
                              key=f"afspraken_import_{round_}",
                              max_upload_size=ctx.settings.max_upload_mb)
    if upload is None:
        return
    try:
        sheet = read_agreement_sheet(upload.getvalue(), upload.name, catalogue,
                                     upload_limits(ctx.settings))
    except UploadError as error:
        st.error(plain(error))
        return
    check = agreement_import.check_import(ctx.engine, sheet, catalogue=catalogue)
    for note in check.notes:
        st.info(plain(note))
    if check.errors:
        st.error(texts.AGREEMENT_IMPORT_ERRORS.format(aantal=len(check.errors)))
    else:
        st.success(texts.AGREEMENT_IMPORT_READY.format(
            nieuw=check.new, gewijzigd=check.changed, ongewijzigd=check.unchanged))
    if check.errors or check.warnings:
        show_table(issues_frame(check.errors, check.warnings))
    if check.errors:
        return
    accepted = not check.warnings or st.checkbox(texts.AGREEMENT_CONFIRM, key="import_ok")
    st.button(texts.AGREEMENT_IMPORT_BUTTON, type="primary", disabled=not accepted,
              on_click=_import, args=(ctx, catalogue, sheet, accepted))


def _import(ctx: AppContext, catalogue: Catalogue, sheet: AgreementSheet,
            accepted: bool) -> None:
    """On click, before the rerun: store every row of the import or none."""
    try:
        done = agreement_import.import_agreements(
            ctx.engine, sheet, actor=ctx.user, catalogue=catalogue,
            accept_warnings=accepted)
    except AccessDenied as refused:  # by the role table as it is now; shown by context()
        write_refused(refused)
        return
    except AgreementRejected as rejected:
        flash(IMPORT_SLOT, "error", plain(rejected))
        return
    flash(IMPORT_SLOT, "success", texts.AGREEMENT_IMPORT_DONE.format(
        nieuw=done.new, gewijzigd=done.changed, ongewijzigd=done.unchanged))
    st.session_state["import_ronde"] = st.session_state.get("import_ronde", 0) + 1
