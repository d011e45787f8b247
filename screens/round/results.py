"""A round's results, once revealed: bars, consent outcome and reasons, per structure."""

from __future__ import annotations

from textual import events, getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from screens.app_base import AtelierBase
from screens.round.bars import ResultBars
from screens.round.text import literal
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import Round, RoundMode, RoundResult, contributions, voter_label
from workshop.rounds.minutes import format_count, outcome_label


class ResultsView(VerticalScroll, can_focus=False):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    class Finished(Message):
        """Enter on the results: the round screen can close."""

    def take_key(self, event: events.Key) -> bool:
        scrolls = {"up": self.scroll_up, "down": self.scroll_down, "pageup": self.scroll_page_up,
                   "pagedown": self.scroll_page_down, "home": self.scroll_home, "end": self.scroll_end}
        if event.key == "enter":
            self.screen.post_message(self.Finished())
        elif event.key in scrolls:
            scrolls[event.key]()
        else:
            return False
        return True

    def __init__(self, project: Project, round_: Round, result: RoundResult) -> None:
        super().__init__(classes="results")
        self.project = project
        self.round = round_
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        if result.mode is RoundMode.CONTRIBUTION:
            yield from self.contribution_lines()
        else:
            if result.mode is RoundMode.CONSENT:
                style = "bold $success" if result.passed else "bold $error"
                yield Static(Content.styled(outcome_label(result.passed), style), classes="consent-outcome")
            if result.weighted:
                yield Static(Content.styled(t("rounds.results.weighted"), "italic"))
            yield ResultBars(result.options, classes="result-bars")
            if result.mean is not None:
                yield Static(Content(t("rounds.results.mean", mean=format_count(result.mean))))
            if result.reasons:
                yield Static(Content.styled(t("rounds.results.reasons"), "bold"), classes="results-heading")
                for answer, text in result.reasons:
                    yield Static(Content.assemble((t("common.label", label=t(f"rounds.consent.{answer}")), "bold"), literal(text)), classes="reason-line")
            yield from self.structure_lines()
        yield Static(Content(self.participation()), classes="participation")
        yield Static(Content(t("rounds.results.hint")), classes="hint")

    def contribution_lines(self) -> ComposeResult:
        items = self.app.attempt(contributions, self.project, self.round.id) or []
        yield Static(Content.styled(t("rounds.results.contributions", count=len(items)), "bold"), classes="results-heading")
        names = {s.id: s.name for s in self.project.structures()}
        for item in items:
            parts: list = ["• ", literal(item.text)]
            if item.structure_id in names and not self.round.spec.secret:
                parts += [("  — ", "dim"), literal(names[item.structure_id], "dim")]
            yield Static(Content.assemble(*parts), classes="contribution")

    def structure_lines(self) -> ComposeResult:
        result = self.result
        if not result.per_structure and not result.suppressed:
            return
        yield Static(Content.styled(t("rounds.results.per_structure"), "bold"), classes="results-heading")
        for structure in result.per_structure:
            parts: list = [literal(structure.name, "bold"), f" ({structure.ballots}) "]
            for option in structure.options:
                if option.count:
                    parts += ["· ", literal(option.label), f" {format_count(option.count)} "]
            if structure.passed is not None:
                parts += ["· ", outcome_label(structure.passed)]
            yield Static(Content.assemble(*parts), classes="structure-line")
        if result.suppressed:
            yield Static(Content.styled(t("rounds.results.suppressed"), "italic"), classes="structure-line")

    def participation(self) -> str:
        result = self.result
        text = t("rounds.minutes.participation", taken=len(result.participants), total=result.voters)
        if result.proxies:
            names = ", ".join(voter_label(self.project, self.round, v)[0] for v in result.proxies)
            text += " · " + t("rounds.results.proxies", names=names)
        return text
