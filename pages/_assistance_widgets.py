"""The Bijstand page's widget groups: what awaits, a new request, the board, one request.

Every write runs in a callback (before the page reruns) through ``assistance.service``,
which checks the role table and the state inside its own transaction; the outcome is
kept with ``flash`` and shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit_folium import st_folium

from capaciteit import clock, texts
from capaciteit.access.permissions import ASSISTANCE_OFFER, ASSISTANCE_REQUEST, AccessDenied, can
from capaciteit.assistance import overview, service
from capaciteit.assistance.board import REGION_BOARD, REQUEST_BOARD
from capaciteit.assistance.board_map import build_flow_map
from capaciteit.assistance.costing import (
    estimate_lines,
    estimate_sentence,
    format_eur,
    request_estimate,
)
from capaciteit.assistance.export import (
    deployed_view,
    duration_text,
    offers_view,
    request_table,
    request_workbook,
)
from capaciteit.assistance.mail import mail_enabled
from capaciteit.assistance.model import AssistanceRefused, OfferDraft, RequestDraft
from capaciteit.assistance.notifications import Notice, awaiting, deliver
from capaciteit.assistance.state import CANCELLED, DONE, deployments, offers
from capaciteit.capacity.presentation import map_attributions
from capaciteit.deployment.answer import Answer, Question
from capaciteit.deployment.cost import Duration, duration_units
from capaciteit.deployment.view import question_line
from capaciteit.exports import XLSX_TYPE
from capaciteit.formatting import format_date, format_number, plain
from pages._shared import AppContext, assistance_token, flash, show_table, write_refused

SLOT = "bijstand"
QUESTION = "bijstand_vraag"  # set by the Inzetbaar page's "Bijstand aanvragen"
QUESTION_READY = "bijstand_vraag_klaar"
CHOSEN = "bijstand_verzoek"


def _on_click(ctx: AppContext, step: Callable[[], service.Step], success: str) -> None:
    """A button's callback: one write, its outcome shown on the next run (see :func:`_run`)."""
    _run(ctx, step, success)


def _run(ctx: AppContext, step: Callable[[], service.Step], success: str,
         tell: tuple[str, ...] = ()) -> bool:
    """Run one write; keep its outcome (and the e-mail's) for the next run.

    ``tell``: the regions to notify instead of the step's own (a new request: its search area).
    """
    try:
        done = step()
    except AccessDenied as refused:
        write_refused(refused)
        return False
    except AssistanceRefused as refused:
        flash(SLOT, "error", plain(refused))
        return False
    flash(SLOT, "success", success.format(verzoek=done.reference))
    st.session_state[CHOSEN] = done.request_id
    _mail(ctx, replace(done.notice, regions=tell) if tell else done.notice)
    return True


def _mail(ctx: AppContext, notice: Notice) -> None:
    delivery = deliver(ctx.engine, ctx.settings, notice, ctx.user)
    if delivery.error:
        flash(SLOT, "warning", texts.ASSIST_MAIL_FAILED.format(fout=plain(delivery.error)))
    elif delivery.mail_on and delivery.sent:
        flash(SLOT, "info", texts.ASSIST_MAIL_SENT.format(aantal=delivery.sent))


def awaiting_block(ctx: AppContext, data: overview.AssistanceData) -> None:
    """What awaits the user, and whether mail is on."""
    st.subheader(texts.ASSIST_AWAITING)
    reach = overview.reach(data.requests[data.requests["id"].isin(
        data.status[data.status.isin(["open", "aanbod ontvangen"])].index)],
        ctx.boundaries.regions, ctx.boundaries.neighbours)
    lines = awaiting(ctx.user, data.requests, data.events, data.status, reach)
    if lines:
        st.warning("\n".join(f"- {line}" for line in lines))
    else:
        st.success(texts.ASSIST_NOTHING_AWAITS)
    st.caption(texts.ASSIST_MAIL_ON if mail_enabled(ctx.settings) else texts.ASSIST_MAIL_OFF)


def new_request_block(ctx: AppContext, today: date) -> None:
    """The request form, for the question the Inzetbaar page handed over."""
    question = st.session_state.get(QUESTION)
    if not question:
        st.caption(texts.ASSIST_NEW_HINT)
        return
    st.subheader(texts.ASSIST_NEW)
    st.markdown(texts.ASSIST_FROM_QUESTION.format(vraag=plain(question["line"])))
    allowed = [t for t in question["targets"] if can(ctx.user, ASSISTANCE_REQUEST, t)]
    if not allowed:
        st.warning(texts.ASSIST_NO_REQUEST_RIGHT)
    units = list(duration_units())
    with st.form("bijstand_nieuw"):
        st.selectbox(texts.ASSIST_REQUESTING_REGION, allowed or question["targets"],
                     key="bv_regio")
        left, middle, right = st.columns(3)
        left.date_input(texts.ASSIST_START, value=today, min_value=today, key="bv_start",
                        format="DD-MM-YYYY")
        middle.number_input(texts.ASSIST_DURATION, min_value=1, max_value=10_000, value=3,
                            key="bv_duur")
        right.selectbox(texts.ASSIST_DURATION_UNIT, units, index=units.index("dagen"),
                        key="bv_eenheid")
        st.text_input(texts.ASSIST_LOCATION, key="bv_melden", help=texts.ASSIST_LOCATION_HELP,
                      max_chars=255)
        st.form_submit_button(texts.ASSIST_FILE, type="primary", on_click=_file,
                              args=(ctx, question, today))


def _file(ctx: AppContext, question: dict, today: date) -> None:
    state = st.session_state
    draft = RequestDraft(
        region_code=state["bv_regio"], targets=tuple(question["targets"]),
        persons_needed=int(question["persons"]), hours=int(question["hours"]),
        start_date=state["bv_start"], duration=Duration(int(state["bv_duur"]),
                                                        state["bv_eenheid"]),
        report_location=str(state["bv_melden"] or ""),
        scopes=tuple((c, s) for c, s in question["scopes"]), powers=tuple(question["powers"]),
        search_area=question["area"], question=question["line"])
    area = overview.searched_regions(draft.targets, draft.search_area, ctx.boundaries.regions,
                                     ctx.boundaries.neighbours)
    if _run(ctx, lambda: service.file_request(ctx.engine, ctx.user, draft, today),
            texts.ASSIST_FILED, tuple(sorted(area - {draft.region_code}))):
        state.pop(QUESTION, None)


def board_block(ctx: AppContext, data: overview.AssistanceData, today: date) -> None:
    """The status board per request, per region and on the map."""
    st.subheader(texts.ASSIST_BOARD)
    if data.requests.empty:
        st.info(texts.ASSIST_NO_REQUESTS)
        return
    views = [texts.ASSIST_BOARD_REQUESTS, texts.ASSIST_BOARD_REGIONS, texts.ASSIST_BOARD_MAP]
    view = st.radio(texts.ASSIST_BOARD_VIEW, views, horizontal=True, key="bijstand_weergave",
                    label_visibility="collapsed")  # only the chosen view is built
    labels = texts.ASSIST_BOARD_COLUMNS
    if view == texts.ASSIST_BOARD_REQUESTS:
        board = data.board.assign(start_date=data.board["start_date"].map(format_date),
                                  end_date=data.board["end_date"].map(format_date))
        show_table(board[REQUEST_BOARD].rename(columns=labels))
    elif view == texts.ASSIST_BOARD_REGIONS:
        show_table(data.regions[REGION_BOARD].rename(columns=labels))
    else:
        attributions = [texts.ASSIST_MAP_SOURCE,
                        *map_attributions(ctx.boundaries.manifest, False, None)]
        st_folium(build_flow_map(ctx.boundaries.regions_display, data.flows,
                                 date_label=texts.ASSIST_MAP_DATE.format(
                                     datum=format_date(today)), attributions=attributions),
                  key="bijstandkaart", height=520, use_container_width=True,
                  returned_objects=[])


def request_block(ctx: AppContext, data: overview.AssistanceData, names: dict[str, str],
                  today: date) -> None:
    """One request: its data, offers, persons ingezet, cost, export and the steps on it."""
    if data.requests.empty:
        return
    ids = data.board["id"].tolist()
    if st.session_state.get(CHOSEN) not in ids:
        st.session_state[CHOSEN] = ids[0]
    labels = {int(r.id): texts.ASSIST_REQUEST_LABEL.format(
        verzoek=r.reference, regio=names.get(r.region_code, r.region_code), status=r.status)
        for r in data.board.itertuples()}
    chosen = st.selectbox(texts.ASSIST_CHOOSE, ids, key=CHOSEN, format_func=labels.__getitem__)
    request = data.requests.set_index("id").loc[chosen]
    request = pd.concat([pd.Series({"id": chosen}), request])
    status = str(data.status.get(chosen))
    events = data.events[data.events["request_id"] == chosen]
    show_table(request_table(request, status))
    st.markdown(f"**{texts.ASSIST_OFFERS}**")
    if (events["kind"] == "aanbod").any():
        show_table(offers_view(events))
    else:
        st.caption(texts.ASSIST_NO_OFFERS)
    declines = events[events["kind"] == "afwijzing"]
    if len(declines):
        st.caption(plain(texts.ASSIST_DECLINES.format(regels="; ".join(
            f"{r.region_code}: {r.reason}" for r in declines.itertuples()))))
    deployed = deployed_view(request, events)
    if len(deployed):
        st.markdown(f"**{texts.ASSIST_DEPLOYED}**")
        show_table(deployed)
    _cost(request, status, events)
    if status in (CANCELLED, DONE):
        st.info(texts.ASSIST_CLOSED.format(status=status))
        return
    _requester_steps(ctx, request, events, today)
    _supplier_steps(ctx, data, request, events, today)


def _cost(request: pd.Series, status: str, events: pd.DataFrame) -> None:
    st.markdown(f"**{texts.ASSIST_COST}**")
    accepted = request_estimate(request, events)
    st.markdown(estimate_sentence(accepted, duration_text(request)))
    if accepted.items:
        show_table(estimate_lines(accepted))
    if (events["kind"] == "aanbod").any():
        st.caption(texts.ASSIST_COST_OFFERED.format(bedrag=format_eur(
            request_estimate(request, events, accepted_only=False).total_eur)))
    st.caption(texts.ASSIST_COST_ASSUMPTIONS)
    st.download_button(texts.ASSIST_EXPORT, request_workbook(
        request, status, events, accepted, clock.now()),
        f"{request['reference']}.xlsx", XLSX_TYPE)


def _requester_steps(ctx: AppContext, request: pd.Series, events: pd.DataFrame,
                     today: date) -> None:
    if not can(ctx.user, ASSISTANCE_REQUEST, str(request["region_code"])):
        return
    table = offers(events)
    for row in table[~table["decided"]].itertuples():
        with st.form(f"bv_aanvaard_{row.id}"):
            st.markdown(plain(texts.ASSIST_ACCEPT_TITLE.format(
                id=row.id, organisatie=row.organisation, regio=row.region_code,
                aantal=format_number(row.persons), tarief=_rate(row))))
            st.number_input(texts.ASSIST_ACCEPT_PERSONS, min_value=1, max_value=int(row.persons),
                            value=int(row.persons), key=f"bv_aanvaard_n_{row.id}")
            st.form_submit_button(texts.ASSIST_ACCEPT, type="primary", on_click=_accept,
                                  args=(ctx, int(row.id), today))
    _return_steps(ctx, request, events)
    with st.expander(texts.ASSIST_CANCEL), st.form(f"bv_annuleer_{request['id']}"):
        st.text_area(texts.ASSIST_CANCEL_REASON, key=f"bv_annuleer_reden_{request['id']}")
        st.form_submit_button(texts.ASSIST_CANCEL, on_click=_on_click, args=(
            ctx, lambda: service.cancel_request(
                ctx.engine, ctx.user, int(request["id"]),
                str(st.session_state[f"bv_annuleer_reden_{request['id']}"] or "")),
            texts.ASSIST_CANCELLED_DONE))


def _accept(ctx: AppContext, offer_id: int, today: date) -> None:
    persons = int(st.session_state[f"bv_aanvaard_n_{offer_id}"])
    _run(ctx, lambda: service.accept_offer(ctx.engine, ctx.user, offer_id, persons, today),
         texts.ASSIST_ACCEPTED.format(id=offer_id, aantal=format_number(persons),
                                      verzoek="{verzoek}"))


def _return_steps(ctx: AppContext, request: pd.Series, events: pd.DataFrame) -> None:
    out = deployments(pd.DataFrame([request]), events)
    for row in out[out["returned_at"].isna()].itertuples():
        may = can(ctx.user, ASSISTANCE_REQUEST, str(request["region_code"])) or can(
            ctx.user, ASSISTANCE_OFFER, row.region_code)
        if not may:
            continue
        with st.form(f"bv_terug_{row.acceptance_id}"):
            st.markdown(plain(texts.ASSIST_RETURN_TITLE.format(
                aantal=format_number(row.persons), organisatie=row.organisation,
                regio=row.region_code)))
            st.form_submit_button(texts.ASSIST_RETURN, on_click=_on_click, args=(
                ctx, lambda a=int(row.acceptance_id): service.report_return(
                    ctx.engine, ctx.user, a), texts.ASSIST_RETURNED))


def _supplier_steps(ctx: AppContext, data: overview.AssistanceData, request: pd.Series,
                    events: pd.DataFrame, today: date) -> None:
    mine = ctx.user.regions_for(ASSISTANCE_OFFER)
    reach = overview.reach(pd.DataFrame([request]), ctx.boundaries.regions,
                           ctx.boundaries.neighbours)[int(request["id"])]
    regions = sorted((reach if mine is None else mine & reach) - {request["region_code"]})
    if not regions:
        _return_for_supplier(ctx, request, events)
        return
    st.markdown(f"**{texts.ASSIST_OFFER_TITLE.format(regio=', '.join(regions))}**")
    region = st.selectbox(texts.ASSIST_OFFER_REGION, regions, key=f"bv_regio_{request['id']}")
    choices = overview.offer_choices(ctx.engine, data, int(request["id"]), region, today)
    choices = choices[choices["available_persons"] > 0].reset_index(drop=True)
    if choices.empty:
        st.info(texts.ASSIST_NOTHING_TO_OFFER.format(regio=region))
    else:
        _offer_form(ctx, request, region, choices, today)
    with st.form(f"bv_afwijzen_{request['id']}"):
        st.text_input(texts.ASSIST_DECLINE_REASON, key=f"bv_afwijzen_reden_{request['id']}")
        st.form_submit_button(texts.ASSIST_DECLINE, on_click=_on_click, args=(
            ctx, lambda: service.decline(
                ctx.engine, ctx.user, int(request["id"]), region,
                str(st.session_state[f"bv_afwijzen_reden_{request['id']}"] or ""), today),
            texts.ASSIST_DECLINED))
    _return_for_supplier(ctx, request, events)


def _return_for_supplier(ctx: AppContext, request: pd.Series, events: pd.DataFrame) -> None:
    if not can(ctx.user, ASSISTANCE_REQUEST, str(request["region_code"])):
        _return_steps(ctx, request, events)


def _offer_form(ctx: AppContext, request: pd.Series, region: str, choices: pd.DataFrame,
                today: date) -> None:
    key = f"bv_aanbod_{request['id']}_{region}"
    with st.form(key):
        st.selectbox(texts.ASSIST_OFFER_OPTION, list(choices.index),
                              key=f"{key}_keuze", format_func=lambda i: (
                                  texts.ASSIST_OFFER_OPTION_LABEL.format(
                                      organisatie=choices.loc[i, "organisation"],
                                      subcategorie=choices.loc[i, "subcategory"],
                                      aantal=format_number(choices.loc[i, "available_persons"]))))
        most = int(choices["available_persons"].max())
        st.number_input(texts.ASSIST_OFFER_PERSONS, min_value=1, max_value=most,
                        value=min(most, int(request["persons_needed"])), key=f"{key}_n")
        agreements = overview.agreement_labels(ctx.engine, {
            int(a) for ids in choices["agreement_ids"] for a in ids})
        st.selectbox(texts.ASSIST_OFFER_AGREEMENT, [None, *agreements], key=f"{key}_afspraak",
                     index=1 if agreements else 0,
                     format_func=lambda a: texts.ASSIST_OFFER_NO_AGREEMENT if a is None
                     else agreements[a])
        st.form_submit_button(texts.ASSIST_OFFER, type="primary", on_click=_offer,
                              args=(ctx, int(request["id"]), region, choices, key, today))


def _offer(ctx: AppContext, request_id: int, region: str, choices: pd.DataFrame, key: str,
           today: date) -> None:
    state = st.session_state
    row = choices.loc[int(state[f"{key}_keuze"])]
    draft = OfferDraft(request_id, region, str(row["organisation"]),
                       None if pd.isna(row["organisation_id"]) else str(row["organisation_id"]),
                       str(row["category"]), str(row["subcategory"]), int(state[f"{key}_n"]),
                       state[f"{key}_afspraak"])
    _run(ctx, lambda: service.make_offer(ctx.engine, ctx.user, draft, today),
         texts.ASSIST_OFFERED)


def _rate(row: object) -> str:
    unit = getattr(row, "compensation_unit", None)
    rate = getattr(row, "compensation_eur", None)
    if unit is None or pd.isna(unit):
        return texts.ASSIST_NO_RATE
    return unit if rate is None or pd.isna(rate) else f"{format_eur(rate)} {unit}"


@st.cache_resource(show_spinner=False, max_entries=2)
def _data(url: str, token: tuple[int, int], today: date,
          _engine: Engine) -> overview.AssistanceData:
    return overview.load(_engine, today)


def assistance_data(ctx: AppContext, today: date) -> overview.AssistanceData:
    """Every request and step with state and board, read once per bijstand step and day.

    A resource cache (not copied per run; treat it as read-only): each step changes the
    token, so the next run reads again.
    """
    return _data(ctx.settings.effective_database_url, assistance_token(ctx), today, ctx.engine)


def answer_block(ctx: AppContext, question: Question, answer: Answer, today: date) -> None:
    """On the Inzetbaar answer: who is ingezet already, and the button to ask for bijstand."""
    deployed = overview.deployed_from(assistance_data(ctx, today),
                                      answer.suppliers["region_code"], today)
    if len(deployed):
        st.warning("\n".join([texts.ASSIST_DEPLOYED_IN_ANSWER, *(
            f"- {plain(line)}" for line in overview.deployed_lines(deployed))]))
    if not any(can(ctx.user, ASSISTANCE_REQUEST, t) for t in question.targets):
        return
    st.button(texts.ASSIST_REQUEST_BUTTON, help=texts.ASSIST_REQUEST_BUTTON_HELP,
              on_click=_hand_over, args=(ctx, question))
    if st.session_state.get(QUESTION_READY):
        del st.session_state[QUESTION_READY]
        st.switch_page("pages/bijstand.py")


def _hand_over(ctx: AppContext, question: Question) -> None:
    """Keep the question for the Bijstand page's request form."""
    st.session_state[QUESTION] = {
        "targets": list(question.targets), "hours": question.hours,
        "persons": question.persons_needed, "scopes": [list(s) for s in question.scopes],
        "powers": list(question.powers), "area": question.search_area,
        "line": question_line(question, ctx.boundaries.region_names(), ctx.categories)}
    st.session_state[QUESTION_READY] = True
