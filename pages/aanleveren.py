"""Aanleveren: a region uploads its capacity file, sees every problem, previews, publishes."""

import streamlit as st

from capaciteit import texts
from capaciteit.access.permissions import AccessDenied
from capaciteit.bounds import Bounds
from capaciteit.exports import XLSX_TYPE
from capaciteit.formatting import format_short_date, plain
from capaciteit.uploads import preview, publishing
from capaciteit.uploads.reader import UploadError
from capaciteit.uploads.template import build_template
from capaciteit.uploads.view import records_view, totals_view
from pages._shared import context, flash, region_choice, show_flash, show_table, write_refused


def publish_upload(code: str, check: preview.UploadCheck, accepted: bool) -> None:
    """On click, before the rerun: publish, and keep the outcome for the page to show.

    A callback, so the click survives the rerun that ``context()`` may ask for, and the
    page that follows already shows the new data (no demo banner after the first one).
    """
    try:
        done = publishing.publish(ctx.engine, code, check.result, actor=ctx.user,
                                  filename=check.filename, sha256=check.sha256,
                                  accept_warnings=accepted, based_on=check.based_on)
    except publishing.StaleVersion as error:  # the page previews again, against the new one
        st.session_state[f"verouderd_{code}"] = str(error)
        return
    except AccessDenied as refused:  # checked against the role table as it is now
        write_refused(refused)
        return
    except publishing.PublishError as error:
        flash(f"publiceren_{code}", "error", plain(error))
        return
    flash(f"publiceren_{code}", "success", texts.PUBLISH_DONE.format(
        versie=done.version.version, regio=names[code], regels=done.version.row_count))
    uploads = f"uploads_{code}"  # a new uploader key: the published file leaves the field
    st.session_state[uploads] = st.session_state.get(uploads, 0) + 1
    if done.demo_removed:
        flash(f"publiceren_{code}", "info",
              texts.PUBLISH_DEMO_REMOVED.format(aantal=done.demo_removed))


ctx = context()
st.title(texts.UPLOAD_HEADER)
st.write(texts.UPLOAD_INTRO)
names = ctx.boundaries.region_names()
code = region_choice(names, key="aanlever_regio")
if code is None:
    st.stop()
refused_key = f"geweigerd_{code}"
try:  # a refusal is audited once per session and region, not on every rerun
    preview.authorize_upload(ctx.engine, ctx.user, code,
                             record_refusal=not st.session_state.get(refused_key))
except AccessDenied as refused:
    st.session_state[refused_key] = True
    st.error(plain(refused))
    st.stop()
limits = preview.upload_limits(ctx.settings)

st.download_button(texts.TEMPLATE_DOWNLOAD, build_template(
    code, names[code], ctx.boundaries.municipality_table(), ctx.categories),
    f"sjabloon_capaciteit_{code}.xlsx", XLSX_TYPE, icon=":material/download:")
upload = st.file_uploader(texts.UPLOAD_LABEL, type=["xlsx", "csv"],
                          key=f"upload_{code}_{st.session_state.get(f'uploads_{code}', 0)}",
                          max_upload_size=ctx.settings.max_upload_mb)
shown = show_flash(f"publiceren_{code}")
if shown:
    if "success" in shown:
        st.page_link("pages/regio.py", query_params={"regio": code},
                     label=texts.PUBLISHED_REGION_LINK.format(regio=names[code]),
                     icon=":material/arrow_forward:")
    st.stop()
if upload is None:
    st.stop()

progress = st.progress(0.0, texts.PROGRESS_READING)
try:
    check = preview.check_upload(ctx.engine, ctx.boundaries, ctx.categories, code,
                                  upload.getvalue(), upload.name, limits=limits,
                                  bounds=Bounds.from_settings(ctx.settings),
                                  progress=lambda f, t: progress.progress(f, t))
except UploadError as error:
    progress.empty()
    st.error(plain(error))
    st.stop()
progress.empty()
stale = st.session_state.pop(f"verouderd_{code}", None)
if stale:  # refused as stale: this preview is the new one, against the new current version
    st.error(stale)
    st.info(texts.PREVIEW_REDONE)
result = check.result
for note in result.notes:
    st.info(plain(note))
if result.errors:
    st.error(texts.UPLOAD_ERRORS.format(aantal=len(result.errors)))
    show_table(result.issues_frame())
    st.stop()
same = check.identical
if same is not None and same.is_current:
    st.info(texts.UPLOAD_IDENTICAL.format(versie=same.version,
                                          datum=format_short_date(same.uploaded_at)))
    st.stop()
if same is not None:  # an older version's file: its figures come back by restoring it
    st.info(texts.UPLOAD_IDENTICAL_OLDER.format(
        versie=same.version, datum=format_short_date(same.uploaded_at),
        bestand=plain(same.filename or texts.NO_FILENAME)))
    st.page_link("pages/regio.py", query_params={"regio": code, "herstel": str(same.version)},
                 label=texts.RESTORE_LINK.format(versie=same.version, regio=names[code]),
                 icon=":material/history:")
    st.stop()

st.success(texts.UPLOAD_OK.format(regels=len(result.records)))
st.subheader(texts.PREVIEW)
st.write(check.diff.summary())
if check.current_is_demo:
    st.info(texts.PREVIEW_CURRENT_DEMO.format(regio=names[code]))
st.caption(texts.PREVIEW_TOTALS)
show_table(totals_view(check.diff, ctx.categories))
tabs = st.tabs([texts.PREVIEW_ROWS, texts.PREVIEW_ADDED, texts.PREVIEW_REMOVED,
                texts.PREVIEW_CHANGED])
for tab, frame in zip(tabs, [result.records, check.diff.added, check.diff.removed,
                             check.diff.changed], strict=True):
    with tab:
        show_table(records_view(frame, ctx.categories, ctx.boundaries.municipality_table()))

if ctx.data.has_demo:
    st.info(texts.PUBLISH_WILL_REMOVE_DEMO)
accepted = True
if result.warnings:
    st.warning(texts.UPLOAD_WARNINGS.format(aantal=len(result.warnings)))
    show_table(result.issues_frame())
    stamp = check.based_on.submission_id if check.based_on else 0  # accepted per preview
    accepted = st.checkbox(texts.UPLOAD_ACCEPT, key=f"accept_{check.sha256}_{stamp}")
st.button(texts.PUBLISH_BUTTON, type="primary", disabled=not accepted,
          on_click=publish_upload, args=(code, check, accepted))
