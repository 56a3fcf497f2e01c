"""linea_client: a Python client for the linea HTTP API (docs/api.md).

One file, Python 3.11 standard library only: copy it next to a notebook or into an Airflow
``plugins/`` folder and import it. "What breaks if I change this table?" in three lines::

    from linea_client import LineaClient
    impact = LineaClient("http://linea.internal:8686").impact("hive.raw_geo.trip_segments")
    print([m["fqn"] for m in impact["models"]], [t["team"] for t in impact["teams"]])

Every method sends one request (the ``iter_*`` helpers one per page) and returns the API's JSON
answer unchanged, as plain ``dict``/``list`` values; the ``TypedDict`` classes below name the
fields of the common answers (they are the OpenAPI document's schemas, served at
``/api/v1/openapi.json``). A failed request raises a :class:`LineaError` subclass carrying the
HTTP status and the API's error ``code``, ``message`` and ``details``; a request that never got
an answer raises :class:`LineaConnectionError`.

A client holds no connection and no mutable state after construction, so one instance may be
shared by threads.
"""

import datetime as _dt
import gzip
import http.client
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NotRequired, TypedDict, cast

__all__ = [
    "LineaClient",
    "LineaError",
    "LineaConnectionError",
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "RateLimited",
    "ServerError",
    "quote_fqn",
]

__version__ = "1.0"

DEFAULT_URL = "http://127.0.0.1:8686"
"""Where ``linea serve`` listens by default: the URL when neither ``base_url`` nor ``LINEA_URL``
is given."""

Json = Any
"""A decoded JSON value."""

# ---------------------------------------------------------------------------- answer shapes
# Named after, and kept in step with, components.schemas of src/server/openapi.json
# (test_linea_client.py compares their keys). Only fields the server always sends are required.


class AssetRef(TypedDict):
    """An asset named in a report (``AssetRef``)."""

    fqn: str
    kind: str


class ReachedAsset(TypedDict):
    """An asset an impact or upstream walk reached (``ReachedAsset``)."""

    fqn: str
    kind: str
    distance: int
    path: list[str]
    path_edges: NotRequired[list[str]]
    owners: list[str]
    domain: str


class ImpactedModel(ReachedAsset):
    """A model an impact reaches, with the features the root reaches (``ImpactedModel``)."""

    features: list[str]


class TeamImpact(TypedDict):
    """A team (or ``user:<name>``) to tell, with what of theirs breaks (``TeamImpact``)."""

    team: str
    contacts: list[dict[str, Any]]
    models: list[str]
    dashboards: list[str]
    deployments: list[str]
    owns_root: NotRequired[bool]


class ImpactReport(TypedDict):
    """``GET /api/v1/impact/{fqn}`` (``ImpactReport``)."""

    root: AssetRef
    models: list[ImpactedModel]
    dashboards: list[ReachedAsset]
    deployments: list[ReachedAsset]
    assets: list[ReachedAsset]
    counts: dict[str, int]
    teams: list[TeamImpact]
    truncated: bool


class Evidence(TypedDict):
    """Why an upstream source is a suspect: an open incident, a failed run, a failing check."""

    type: str
    detail: str
    at: NotRequired[str]


class UpstreamSource(ReachedAsset):
    """An upstream source with its evidence (``UpstreamSource``)."""

    evidence: list[Evidence]


class UpstreamReport(TypedDict):
    """``GET /api/v1/upstream/{fqn}`` (``UpstreamReport``): sources, suspects first."""

    root: AssetRef
    sources: list[UpstreamSource]
    truncated: bool


class SearchHit(TypedDict):
    """One search result (``SearchHit``)."""

    fqn: str
    kind: str
    name: str
    score: float
    domain: str
    owners: list[str]


class SearchResults(TypedDict):
    """``GET /api/v1/search`` (``SearchResults``); the server adds the ``offset`` it used."""

    results: list[SearchHit]
    total: int


class AssetSummary(TypedDict):
    """One asset of a listing (``AssetSummary``)."""

    fqn: str
    kind: str
    domain: str
    owners: list[str]


class AssetPage(TypedDict):
    """``GET /api/v1/assets`` (``AssetPage``): ``next_cursor`` is None on the last page."""

    assets: list[AssetSummary]
    next_cursor: str | None


class ManifestProblem(TypedDict):
    """A problem (or, with ``strict=False``, a warning) of a manifest (``ManifestProblem``)."""

    file: str
    line: int
    message: str
    candidates: list[str]


class ModelPlan(TypedDict):
    """One model of a manifest run, with its diff lines (``ModelPlan``)."""

    model: str
    file: str
    features: int
    changed: bool
    applied: bool
    diff: list[str]


class ManifestPlan(TypedDict):
    """``POST /api/v1/manifests`` (``ManifestPlan``)."""

    dry_run: bool
    models: list[ModelPlan]
    warnings: list[ManifestProblem]


class OpenLineageAccepted(TypedDict):
    """``POST /api/v1/lineage`` (``OpenLineageAccepted``)."""

    status: Literal["created", "duplicate"]
    hash: str
    datasets: int
    column_edges: int
    stale: bool


class OpenLineageBatchResult(TypedDict):
    """``POST /api/v1/lineage/batch`` (``OpenLineageBatchResult``)."""

    status: Literal["success", "partial_success", "failure"]
    summary: dict[str, int]
    failed_events: list[dict[str, Any]]


class IncidentSummary(TypedDict):
    """An incident as lists show it (``IncidentSummary``); times are unix milliseconds."""

    id: str
    asset: str
    title: str
    description: NotRequired[str]
    severity: str
    state: Literal["open", "acknowledged", "resolved"]
    resolution: NotRequired[str]
    opened_at: int
    updated_at: int


class IncidentChanged(IncidentSummary):
    """An incident after acknowledge or resolve (``IncidentChanged``)."""

    deliveries_queued: int
    recipients: NotRequired[list[dict[str, Any]]]


class IncidentOpened(IncidentChanged):
    """``POST /api/v1/incidents`` (``IncidentOpened``): ``id`` is absent on a dry run."""

    created: bool
    impact: ImpactReport
    dry_run: NotRequired[bool]


class IncidentDetail(IncidentSummary):
    """``GET /api/v1/incidents/{id}`` (``IncidentDetail``)."""

    reminders: int
    timeline: list[dict[str, Any]]
    impact: ImpactReport
    deliveries: list[dict[str, Any]]


class IncidentList(TypedDict):
    """``GET /api/v1/incidents`` (``IncidentList``), newest first."""

    incidents: list[IncidentSummary]


class LineageGraph(TypedDict):
    """``GET /api/v1/lineage/{fqn}`` (``LineageGraph``)."""

    root: AssetRef
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool


class Health(TypedDict):
    """``GET /healthz`` (``Health``)."""

    status: str
    assets: int
    links: int


# ---------------------------------------------------------------------------- errors


class LineaError(Exception):
    """A request linea refused or failed.

    Attributes:
        status: the HTTP status (None for :class:`LineaConnectionError`).
        code: the API's error code (``not_found``, ``invalid_argument``, …; docs/api.md
            "Errors"), or None when the answer was not linea's JSON error body.
        message: the API's message (or a description of what went wrong).
        details: the API's ``details`` object (``{"candidates": [...]}``,
            ``{"problems": [...]}``) or None; :attr:`candidates` and :attr:`problems` read it.
        retry_after: the ``Retry-After`` seconds of a 429 or 503, else None.
        method, url: the request.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
        method: str = "",
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details: dict[str, Any] | None = dict(details) if details is not None else None
        self.method = method
        self.url = url
        self.retry_after = retry_after

    @property
    def candidates(self) -> list[str]:
        """The "did you mean" names of ``details.candidates``, best first ([] when none)."""
        found = (self.details or {}).get("candidates")
        return list(found) if isinstance(found, list) else []

    @property
    def problems(self) -> list[ManifestProblem]:
        """The manifest problems of ``details.problems`` (``file``, ``line``, ``message``,
        ``candidates``), [] when none."""
        found = (self.details or {}).get("problems")
        return list(found) if isinstance(found, list) else []

    def __str__(self) -> str:
        where = f"{self.method} {self.url}: " if self.method else ""
        status = f"{self.status} " if self.status is not None else ""
        code = f"{self.code}: " if self.code else ""
        text = f"{where}{status}{code}{self.message}"
        if self.candidates:
            text += f" (did you mean {', '.join(self.candidates[:3])}?)"
        return text


class LineaConnectionError(LineaError):
    """No answer: the server could not be reached, the connection broke, or ``timeout`` passed.

    ``status`` and ``code`` are None; the underlying exception is ``__cause__``.
    """


class BadRequest(LineaError):
    """400 ``invalid_argument``: malformed JSON, a bad parameter, an invalid manifest or event.

    For manifests, :attr:`problems` lists each ``file:line: message`` with candidates.
    """


class Unauthorized(LineaError):
    """401 ``unauthenticated``: no token where one is needed, or an unknown or revoked token."""


class Forbidden(LineaError):
    """403 ``permission_denied``: the token's role (or scope) does not allow this request."""


class NotFound(LineaError):
    """404 ``not_found``: unknown asset, team, incident or route; :attr:`candidates` holds
    the API's "did you mean" names, best first."""


class Conflict(LineaError):
    """409 ``already_exists`` or ``failed_precondition``: e.g. a model another repository owns
    (:attr:`problems` names the owner), an incident already resolved, a token name taken."""


class RateLimited(LineaError):
    """429 ``resource_exhausted``: over a rate limit; :attr:`retry_after` is the server's
    ``Retry-After`` in seconds (None when it sent none)."""


class ServerError(LineaError):
    """5xx: ``internal``, ``data_loss`` or ``unavailable`` (503: the store is locked or the
    server saturated; :attr:`retry_after` when the server sent ``Retry-After``)."""


_BY_STATUS: dict[int, type[LineaError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    429: RateLimited,
}


def _error_class(status: int) -> type[LineaError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else LineaError


# ---------------------------------------------------------------------------- helpers


def quote_fqn(fqn: str) -> str:
    """Percent-encodes an FQN (or any name) as one path segment.

    Every byte but ``A-Z a-z 0-9 - . _ ~`` is escaped, ``/`` included, so quoted segments keep
    their quotes, dots and spaces: ``hive.geo."a b"`` → ``hive.geo.%22a%20b%22``.
    """
    return urllib.parse.quote(fqn, safe="")


def _param(value: Any) -> str | None:
    """A query parameter's text: booleans as true/false, datetimes as RFC 3339 UTC."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def _unix_ms(value: int | _dt.datetime | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return int(value.timestamp() * 1000)


def _retry_after(headers: Any) -> float | None:
    text = headers.get("Retry-After") if headers is not None else None
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------- the client


class LineaClient:
    """A client of one linea server.

    Args:
        base_url: ``http(s)://HOST:PORT`` of ``linea serve`` (a path prefix is kept, for a
            server behind a reverse proxy). Default: env ``LINEA_URL``, else
            ``http://127.0.0.1:8686``.
        token: a bearer token (``lin_…``; docs/auth.md). Default: env ``LINEA_TOKEN``, else no
            token (reads are open unless the server runs with ``--require-auth-for-reads``;
            writes need a writer token).
        timeout: seconds to wait for the server on each request.

    Raises:
        ValueError: ``base_url`` is not an http or https URL.
    """

    def __init__(
        self, base_url: str | None = None, token: str | None = None, timeout: float = 30
    ) -> None:
        url = base_url or os.environ.get("LINEA_URL") or DEFAULT_URL
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base_url: expected http://HOST:PORT or https://…, got {url!r}")
        self.base_url = url.rstrip("/")
        self.token = token if token is not None else (os.environ.get("LINEA_TOKEN") or None)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"LineaClient({self.base_url!r}, token={'…' if self.token else None})"

    # ------------------------------------------------------------------------ transport

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        body: bytes | str | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Json:
        """Sends one request and returns the decoded JSON answer (a ``str`` for a non-JSON
        answer such as ``/metrics``).

        The low-level call every method uses; use it for routes this client has no method for,
        e.g. ``client.request("GET", "/api/v1/teams")``.

        Args:
            method: ``GET``, ``POST``, ``PUT`` or ``DELETE``.
            path: the path from the server's root (``/api/v1/…``); escape FQNs in it with
                :func:`quote_fqn`.
            params: query parameters; None values are left out, booleans sent as
                ``true``/``false``, lists joined by commas.
            json_body: a value to send as JSON (``Content-Type: application/json``).
            body: raw bytes or text to send instead, with ``content_type``.
            headers: extra headers (e.g. ``Content-Encoding``).

        Raises:
            LineaError: the server answered with a status of 400 or more (the subclass follows
                the status: :class:`BadRequest`, :class:`Unauthorized`, :class:`Forbidden`,
                :class:`NotFound`, :class:`Conflict`, :class:`RateLimited`,
                :class:`ServerError`).
            LineaConnectionError: no answer.
        """
        url = self.base_url + path
        query = {k: t for k, v in (params or {}).items() if (t := _param(v)) is not None}
        if query:
            url += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        data: bytes | None = None
        send_headers = {"Accept": "application/json",
                        "User-Agent": f"linea-client-python/{__version__}"}
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            send_headers["Content-Type"] = "application/json"
        elif body is not None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            send_headers["Content-Type"] = content_type or "application/octet-stream"
        if self.token:
            send_headers["Authorization"] = f"Bearer {self.token}"
        send_headers.update(headers or {})
        req = urllib.request.Request(url, data=data, headers=send_headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as answer:
                raw = answer.read()
                answer_type = answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            raise self._error(method, url, e.code, e.read(), e.headers) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            reason = e.reason if isinstance(e, urllib.error.URLError) else e
            if isinstance(reason, (socket.timeout, TimeoutError)):
                text = f"no answer within {self.timeout:g} s"
            else:
                text = f"cannot reach {self.base_url}: {reason or type(e).__name__}"
            raise LineaConnectionError(text, method=method, url=url) from e
        if "json" not in answer_type:
            return raw.decode("utf-8", errors="replace")
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError as e:
            raise LineaError(f"the answer is not valid JSON: {e}", method=method, url=url) from e

    @staticmethod
    def _error(method: str, url: str, status: int, raw: bytes, headers: Any) -> LineaError:
        code: str | None = None
        message = raw.decode("utf-8", errors="replace").strip()[:500] or f"HTTP {status}"
        details: Mapping[str, Any] | None = None
        try:
            err = json.loads(raw)["error"]
            code, message, details = err["code"], err["message"], err.get("details")
        except (ValueError, KeyError, TypeError):
            pass  # not linea's error body (e.g. a proxy's page): keep its text
        return _error_class(status)(
            message,
            status=status,
            code=code,
            details=details if isinstance(details, Mapping) else None,
            method=method,
            url=url,
            retry_after=_retry_after(headers),
        )

    # ------------------------------------------------------------------------ reads

    def health(self) -> Health:
        """``GET /healthz``: ``{"status": "ok", "assets", "links"}``; never needs a token."""
        answer = self.request("GET", "/healthz")
        return cast(Health, answer)

    def whoami(self) -> dict[str, Any]:
        """``GET /api/v1/whoami``: ``{"caller", "writer", "admin"}`` for this client's token."""
        answer = self.request("GET", "/api/v1/whoami")
        return cast(dict[str, Any], answer)

    def impact(
        self,
        fqn: str,
        *,
        depth: int | None = None,
        max_nodes: int | None = None,
        kinds: Sequence[str] | None = None,
        domain: str | None = None,
        direct_only: bool | None = None,
    ) -> ImpactReport:
        """What breaks downstream of an asset: ``GET /api/v1/impact/{fqn}``.

        Args:
            fqn: a column, table, topic, feature, model, … (quoted segments as they are:
                ``hive.geo."a b".c``; the client escapes them).
            depth: walk at most this many edges (default: unlimited).
            max_nodes: node budget; when hit, ``truncated`` is true.
            kinds: report only these of ``model``, ``dashboard``, ``deployment``.
            domain: report only assets whose effective domain is this one.
            direct_only: follow no indirect link (filters, join and group-by keys).

        Returns:
            ``{"root", "models", "dashboards", "deployments", "assets", "counts", "teams",
            "truncated"}``: models (with the ``features`` hit and one shortest ``path``),
            dashboards and deployments by distance then FQN, the teams to tell with contacts.

        Raises:
            NotFound: unknown FQN (``candidates``: "did you mean").
            BadRequest: an invalid FQN or parameter.
        """
        params = {"depth": depth, "max_nodes": max_nodes, "kinds": kinds, "domain": domain,
                  "direct_only": direct_only}
        answer = self.request("GET", "/api/v1/impact/" + quote_fqn(fqn), params=params)
        return cast(ImpactReport, answer)

    def upstream(
        self,
        fqn: str,
        *,
        depth: int | None = None,
        max_nodes: int | None = None,
        direct_only: bool | None = None,
    ) -> UpstreamReport:
        """Where a degraded asset reads from — root cause: ``GET /api/v1/upstream/{fqn}``.

        ``sources`` are ranked: assets with ``evidence`` (an open ``incident``, a
        ``run_failed``, a ``check_failed``) first, then by distance, then FQN. Arguments as for
        :meth:`impact` (the API takes no kind or domain filter for upstream).

        Raises:
            NotFound: unknown FQN, with candidates.
        """
        params = {"depth": depth, "max_nodes": max_nodes, "direct_only": direct_only}
        answer = self.request("GET", "/api/v1/upstream/" + quote_fqn(fqn), params=params)
        return cast(UpstreamReport, answer)

    def lineage(
        self,
        fqn: str,
        *,
        direction: Literal["up", "down", "both"] = "both",
        depth: int | None = None,
        columns: bool | None = None,
        max_nodes: int | None = None,
    ) -> LineageGraph:
        """The lineage graph around an asset: ``GET /api/v1/lineage/{fqn}``.

        Args:
            direction: ``up``, ``down`` or ``both``.
            depth: at most this many links away (default: unlimited).
            columns: include column- and feature-level nodes (default: lifted to tables and
                models).
            max_nodes: node budget (server default 10,000).

        Returns:
            ``{"root", "nodes": [{"fqn", "kind", "distance"}], "edges": [{"from", "to",
            "kind", "provenance"}], "truncated"}``.
        """
        params = {"direction": direction, "depth": depth, "columns": columns,
                  "max_nodes": max_nodes}
        answer = self.request("GET", "/api/v1/lineage/" + quote_fqn(fqn), params=params)
        return cast(LineageGraph, answer)

    def search(
        self,
        q: str,
        *,
        kind: str | None = None,
        domain: str | None = None,
        owner: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> SearchResults:
        """Typo-tolerant search, best first: ``GET /api/v1/search``.

        Args:
            q: the text (``chrun`` finds ``churn``).
            kind: only assets of this kind (``table``, ``column``, ``model``, ``feature``, …).
            domain: only assets of this effective domain.
            owner: only assets of this effective owner (``team:<name>``, ``user:<name>``).
            limit: results per page, 1 to 1000 (server default 20).
            offset: skip this many results (paging; see :meth:`iter_search`).

        Returns:
            ``{"results": [{"fqn", "kind", "name", "score", "domain", "owners"}], "total",
            "offset"}``; ``total`` counts every match.
        """
        params = {"q": q, "kind": kind, "domain": domain, "owner": owner, "limit": limit,
                  "offset": offset}
        answer = self.request("GET", "/api/v1/search", params=params)
        return cast(SearchResults, answer)

    def iter_search(
        self,
        q: str,
        *,
        kind: str | None = None,
        domain: str | None = None,
        owner: str | None = None,
        page_size: int = 100,
    ) -> Iterator[SearchHit]:
        """Every search result, best first, fetched ``page_size`` at a time by ``offset``.

        Stops when ``total`` results were read or a page comes back empty. A catalog that
        changes between pages may shift results across a page boundary.
        """
        offset = 0
        while True:
            page = self.search(q, kind=kind, domain=domain, owner=owner, limit=page_size,
                               offset=offset)
            yield from page["results"]
            offset += len(page["results"])
            if not page["results"] or offset >= page["total"]:
                return

    def show(self, fqn: str) -> dict[str, Any]:
        """One asset: ``GET /api/v1/assets/{fqn}``.

        Returns:
            The asset (``fqn``, ``kind``, ``description``, ``owners``, ``domain``, ``tags``,
            ``properties``, …) with ``effective_owners``, ``effective_domain``, ``children``
            and ``child_details`` (kind, data type, description), the ``provenances`` of its
            lineage, and from OpenLineage ``aliases`` and ``last_run``. An alias (a storage
            path) answers as its table.

        Raises:
            NotFound: unknown FQN, with candidates.
        """
        answer = self.request("GET", "/api/v1/assets/" + quote_fqn(fqn))
        return cast(dict[str, Any], answer)

    def list_assets(
        self,
        *,
        kind: str | None = None,
        domain: str | None = None,
        owner: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> AssetPage:
        """One page of assets in FQN order: ``GET /api/v1/assets``.

        Args:
            kind, domain, owner: filters, as for :meth:`search`.
            limit: assets per page, 1 to 1000 (server default 20).
            cursor: the previous page's ``next_cursor``.

        Returns:
            ``{"assets": [{"fqn", "kind", "domain", "owners"}], "next_cursor"}`` —
            ``next_cursor`` is None on the last page. See :meth:`iter_assets`.
        """
        params = {"kind": kind, "domain": domain, "owner": owner, "limit": limit,
                  "cursor": cursor}
        answer = self.request("GET", "/api/v1/assets", params=params)
        return cast(AssetPage, answer)

    def iter_assets(
        self,
        *,
        kind: str | None = None,
        domain: str | None = None,
        owner: str | None = None,
        page_size: int = 1000,
    ) -> Iterator[AssetSummary]:
        """Every asset matching the filters, in FQN order, one page of ``page_size`` at a
        time (following ``next_cursor``)."""
        cursor: str | None = None
        while True:
            page = self.list_assets(kind=kind, domain=domain, owner=owner, limit=page_size,
                                    cursor=cursor)
            yield from page["assets"]
            cursor = page.get("next_cursor")
            if not cursor:
                return

    def quality(
        self,
        fqn: str,
        *,
        check: str | None = None,
        history: int | None = None,
        since: int | _dt.datetime | None = None,
    ) -> dict[str, Any]:
        """Data-quality series of an asset and its children: ``GET /api/v1/quality/{fqn}``.

        Args:
            check: only the series of this check name.
            history: also the newest ``history`` results of each series (server default 12).
            since: history at or after this time (unix ms, or a datetime; naive = UTC).

        Returns:
            ``{"asset", "series": [{"asset", "name", "check"?, "latest"?, "history"?}]}``
            (docs/quality.md).
        """
        params = {"check": check, "history": history, "since": _unix_ms(since)}
        answer = self.request("GET", "/api/v1/quality/" + quote_fqn(fqn), params=params)
        return cast(dict[str, Any], answer)

    # ------------------------------------------------------------------------ writes

    def apply(
        self,
        manifest: str,
        *,
        dry_run: bool = False,
        file: str | None = None,
        repository: str | None = None,
        take_over: bool = False,
        strict: bool = False,
    ) -> ManifestPlan:
        """Validates and applies ``lineage.yaml`` text: ``POST /api/v1/manifests`` (writer).

        Every model of the text (one manifest, or several as a ``---`` stream) is validated
        first; all are applied in one transaction, or none (docs/manifest.md).

        Args:
            manifest: the YAML text.
            dry_run: plan only: return the diff, write nothing.
            file: the name problems cite (default ``request``).
            repository: the repository of manifests that name none (``repository:``).
            take_over: replace models another repository or team owns.
            strict: unknown owner teams or users are problems, not warnings.

        Returns:
            ``{"dry_run", "models": [{"model", "file", "features", "changed", "applied",
            "diff"}], "warnings"}``; ``diff`` holds ``+``/``-``/``~`` lines.

        Raises:
            BadRequest: an invalid manifest; :attr:`LineaError.problems` lists each
                ``file``, ``line``, ``message`` and ``candidates``. Nothing is applied.
            Conflict: a model another repository or team owns (``problems`` names it).
            Forbidden: a reader token, or a writer scoped elsewhere.
        """
        params = {"dry_run": dry_run or None, "file": file, "repository": repository,
                  "take_over": take_over or None, "strict": strict or None}
        answer = self.request("POST", "/api/v1/manifests", params=params, body=manifest,
                              content_type="application/yaml")
        return cast(ManifestPlan, answer)

    def apply_files(
        self,
        files: Mapping[str, str],
        *,
        dry_run: bool = False,
        repository: str | None = None,
        take_over: bool = False,
        strict: bool = False,
    ) -> ManifestPlan:
        """Like :meth:`apply` for several files at once (``{name: yaml_text}``), as
        ``linea apply -f DIR --server`` sends them: all models of all files, or none."""
        params = {"dry_run": dry_run or None, "repository": repository,
                  "take_over": take_over or None, "strict": strict or None}
        body = {"files": [{"name": name, "content": text} for name, text in files.items()]}
        answer = self.request("POST", "/api/v1/manifests", params=params, json_body=body)
        return cast(ManifestPlan, answer)

    def post_lineage_event(
        self, event: Mapping[str, Any] | str | bytes, *, gzip_body: bool = False
    ) -> OpenLineageAccepted:
        """Sends one OpenLineage event: ``POST /api/v1/lineage`` (writer).

        Args:
            event: the event as a dict, or its JSON text/bytes (sent unchanged).
            gzip_body: send it with ``Content-Encoding: gzip``.

        Returns:
            ``{"status": "created"|"duplicate", "hash", "datasets", "column_edges", "stale"}``.
            Posting the same event again is a ``duplicate`` that changes nothing.

        Raises:
            BadRequest: not an event; the message names the JSON path (``$.run.runId: …``).
        """
        answer = self._post_events("/api/v1/lineage", event, gzip_body)
        return cast(OpenLineageAccepted, answer)

    def post_lineage_events(
        self, events: Iterable[Mapping[str, Any] | str | bytes], *, gzip_body: bool = False
    ) -> OpenLineageBatchResult:
        """Sends many OpenLineage events in one request: ``POST /api/v1/lineage/batch``.

        Each event is applied on its own: a bad one is listed in ``failed_events`` (with its
        ``index`` and ``reason``) and the others are applied.

        Returns:
            ``{"status": "success"|"partial_success"|"failure", "summary": {"received",
            "successful", "duplicates", "column_edges", "failed", "retriable",
            "non_retriable"}, "failed_events"}``.
        """
        parts = []
        for e in events:
            if isinstance(e, bytes):
                parts.append(e.decode("utf-8"))
            elif isinstance(e, str):
                parts.append(e)
            else:
                parts.append(json.dumps(e, ensure_ascii=False))
        answer = self._post_events("/api/v1/lineage/batch", "[" + ",".join(parts) + "]",
                                   gzip_body)
        return cast(OpenLineageBatchResult, answer)

    def _post_events(self, path: str, event: Mapping[str, Any] | str | bytes,
                     gzip_body: bool) -> Json:
        if isinstance(event, Mapping):
            event = json.dumps(event, ensure_ascii=False)
        data = event.encode("utf-8") if isinstance(event, str) else event
        headers = {}
        if gzip_body:
            data = gzip.compress(data)
            headers["Content-Encoding"] = "gzip"
        return self.request("POST", path, body=data, content_type="application/json",
                            headers=headers)

    def post_quality_results(self, results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """Records data-quality results: ``POST /api/v1/quality/results`` (writer).

        Args:
            results: ``[{"asset", "kind", "timestamp" (unix ms), "period"?, "metrics"?, …}]``
                (docs/quality.md); judged against each series' history in one write.

        Returns:
            ``{"recorded", "success", "warn", "fail", "aborted", "statuses", "failed",
            "recovered"}``; a new fail opens an incident.
        """
        answer = self.request("POST", "/api/v1/quality/results",
                              json_body={"results": list(results)})
        return cast(dict[str, Any], answer)

    # ------------------------------------------------------------------------ incidents

    def list_incidents(
        self, state: Literal["open", "acknowledged", "resolved"] | None = None
    ) -> IncidentList:
        """``GET /api/v1/incidents``: ``{"incidents": [...]}``, newest first, optionally of
        one state. Not paged: the server answers all of them."""
        answer = self.request("GET", "/api/v1/incidents", params={"state": state})
        return cast(IncidentList, answer)

    def get_incident(self, incident_id: str) -> IncidentDetail:
        """``GET /api/v1/incidents/{id}``: the incident with its ``timeline``, frozen
        ``impact`` and ``deliveries``.

        Raises:
            NotFound: unknown id.
        """
        answer = self.request("GET", "/api/v1/incidents/" + quote_fqn(incident_id))
        return cast(IncidentDetail, answer)

    def open_incident(
        self,
        asset: str,
        title: str,
        *,
        description: str | None = None,
        severity: Literal["low", "medium", "high", "critical"] | None = None,
        dry_run: bool = False,
    ) -> IncidentOpened:
        """Opens an incident on a broken asset and tells every affected team:
        ``POST /api/v1/incidents`` (writer).

        The impact is frozen into the incident. An open incident on the same asset is
        joined, not duplicated (``created`` is false).

        Args:
            asset: the broken asset's FQN.
            title: one line for the notifications.
            description: more text.
            severity: ``low``, ``medium``, ``high`` (server default) or ``critical``.
            dry_run: compute the impact and the ``recipients`` (who would be told, and who
                cannot be); open, write and send nothing.

        Returns:
            The incident (``id``, ``state``, …; no ``id`` on a dry run) with ``created``,
            ``deliveries_queued``, ``impact`` and ``recipients``.
        """
        body: dict[str, Any] = {"asset": asset, "title": title}
        if description is not None:
            body["description"] = description
        if severity is not None:
            body["severity"] = severity
        if dry_run:
            body["dry_run"] = True
        answer = self.request("POST", "/api/v1/incidents", json_body=body)
        return cast(IncidentOpened, answer)

    def acknowledge_incident(self, incident_id: str, note: str | None = None) -> IncidentChanged:
        """``POST /api/v1/incidents/{id}/ack`` (writer): someone is on it; teams are told.

        Raises:
            Conflict: the incident is not open.
        """
        body = {"note": note} if note else {}
        answer = self.request("POST", f"/api/v1/incidents/{quote_fqn(incident_id)}/ack",
                              json_body=body)
        return cast(IncidentChanged, answer)

    def resolve_incident(self, incident_id: str, reason: str) -> IncidentChanged:
        """``POST /api/v1/incidents/{id}/resolve`` (writer) with the (required) reason.

        Raises:
            BadRequest: an empty reason.
            Conflict: already resolved.
        """
        answer = self.request("POST", f"/api/v1/incidents/{quote_fqn(incident_id)}/resolve",
                              json_body={"reason": reason})
        return cast(IncidentChanged, answer)

    # ------------------------------------------------------------------------ audit (admin)

    def audit(
        self,
        *,
        actor: str | None = None,
        outcome: str | None = None,
        action: str | None = None,
        since: str | int | _dt.datetime | None = None,
        until: str | int | _dt.datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """One page of the audit log, newest first: ``GET /api/v1/audit`` (admin).

        Args:
            actor: exact token name (or ``cli``, ``anonymous``, ``openlineage``, …).
            outcome: ``ok`` or an error code.
            action: substring of the action (``manifests``, ``PUT /api/v1/catalog``).
            since, until: an RFC 3339 date or date-time, unix ms, or a datetime.
            limit: records per page, 1 to 1000 (server default 100).
            cursor: the previous page's ``next_cursor``.

        Returns:
            ``{"entries": [...], "next_cursor"?}`` — ``next_cursor`` only when more records
            match. See :meth:`iter_audit`.
        """
        params = {"actor": actor, "outcome": outcome, "action": action, "since": since,
                  "until": until, "limit": limit, "cursor": cursor}
        answer = self.request("GET", "/api/v1/audit", params=params)
        return cast(dict[str, Any], answer)

    def iter_audit(
        self,
        *,
        actor: str | None = None,
        outcome: str | None = None,
        action: str | None = None,
        since: str | int | _dt.datetime | None = None,
        until: str | int | _dt.datetime | None = None,
        page_size: int = 1000,
    ) -> Iterator[dict[str, Any]]:
        """Every matching audit record, newest first, following ``next_cursor``."""
        cursor: str | None = None
        while True:
            page = self.audit(actor=actor, outcome=outcome, action=action, since=since,
                              until=until, limit=page_size, cursor=cursor)
            yield from page["entries"]
            cursor = page.get("next_cursor")
            if not cursor:
                return
