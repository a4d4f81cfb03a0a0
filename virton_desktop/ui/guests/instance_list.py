"""The main page: the table of every guest, with search, filters and counts above it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ...models.instances import (
    COL_ACTIONS,
    COL_CLUSTER,
    COL_CPU,
    COL_DISK,
    COL_HA,
    COL_IP,
    COL_LOCK,
    COL_MEM,
    COL_NAME,
    COL_NODE,
    COL_STATUS,
    COL_TAGS,
    COL_TYPE,
    COL_UPTIME,
    COL_VMID,
    InstanceFilter,
    InstanceModel,
    persistent_keys,
)
from ...pve import query
from ...pve.entities import LXC, PAUSED, QEMU, RUNNING, STOPPED, UNKNOWN, Instance
from .. import kit
from .actions import GuestActions
from .cell_delegate import CellDelegate
from .delegates import ActionButtonDelegate
from .guest_table import GuestTable

SETTINGS_HEADER = "instanceList/header"
# Typing is applied after this pause, so a fast typist costs one filter pass, not five.
SEARCH_DELAY_MS = 120

# Fit 1400 px with the cluster column (1280 without); the tags column takes what is left over,
# but never less than TAGS_MIN_WIDTH (chips squeezed to a sliver say nothing): below that the
# table scrolls sideways instead.
_DEFAULT_WIDTHS = {COL_VMID: 58, COL_NAME: 126, COL_TYPE: 48, COL_STATUS: 104, COL_NODE: 70, COL_IP: 112,
                   COL_CPU: 170, COL_MEM: 170, COL_DISK: 76, COL_UPTIME: 92, COL_TAGS: 120, COL_LOCK: 72, COL_HA: 64,
                   COL_CLUSTER: 84, COL_ACTIONS: 92}
TAGS_MIN_WIDTH = 110


class InstanceListPage(QWidget):
    selection_changed = Signal()
    open_requested = Signal(object)  # Instance: the user wants its details (double-click / Enter)

    def __init__(self, model: InstanceModel, actions: GuestActions, parent=None):
        super().__init__(parent)
        self.setObjectName("instanceListPage")
        self.model = model
        self.actions = actions
        # Callables (menu, selected instances) that add entries to the row menu.
        self.menu_extenders: list = []
        self.tag_filter: frozenset[str] = frozenset()  # lower case (ui/tags TagFilterBar sets it)

        self.counts = QLabel(self)
        self.counts.setObjectName("instanceCounts")
        self.counts.setAccessibleName(self.tr("Guest counts"))

        self.search = QLineEdit(self)
        self.search.setObjectName("instanceSearch")
        self.search.setAccessibleName(self.tr("Search guests"))
        self.search.setPlaceholderText(self.tr("Search name, ID, tag, address or MAC"))
        self.search.setToolTip(self.tr("Words match name, ID or tag. Also: tag:prod node:pve1 cluster:seoul "
                                       "status:running type:ct pool:dev ha:yes; -word excludes; \"quoted values\""))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)

        self.node_filter, self.type_filter, self.status_filter, self.cluster_filter = (
            kit.combo(parent=self, name=name, accessible=text, tip=text, fit_contents=True)
            for name, text in (("nodeFilter", self.tr("Node filter")), ("typeFilter", self.tr("Type filter")),
                               ("statusFilter", self.tr("Status filter")),
                               ("clusterFilter", self.tr("Cluster filter"))))
        self._offered_nodes: list[str] = []  # the node filter's nodes, after "All nodes"
        self._fill_static_filters()

        self.table = GuestTable(self)
        self.table.setObjectName("instanceTable")
        self.table.setAccessibleName(self.tr("Guests"))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setObjectName("instanceTableHeader")
        header.setAccessibleName(self.tr("Guest columns"))
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in _DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_ACTIONS, QHeaderView.ResizeMode.Fixed)
        header.moveSection(header.visualIndex(COL_HA), header.visualIndex(COL_LOCK) + 1)
        header.moveSection(header.visualIndex(COL_IP), header.visualIndex(COL_NODE) + 1)
        self.table.setColumnHidden(COL_CLUSTER, True)  # shown once a second cluster is connected
        # The viewport narrows when the vertical scroll bar appears, without resizing the page.
        self.table.viewport().installEventFilter(self)
        header.setSortIndicator(COL_VMID, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegate(CellDelegate(model, self.table))
        self.action_delegate = ActionButtonDelegate(self.tr("Actions ▾"), self.table)
        self.table.setItemDelegateForColumn(COL_ACTIONS, self.action_delegate)

        self.empty = QLabel(self.tr("No guests match the filters."), self.table.viewport())
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.hide()
        self._empty_reason = ""  # why the list is empty although nothing is filtered (permissions)

        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.cluster_filter)
        top.addWidget(self.node_filter)
        top.addWidget(self.type_filter)
        top.addWidget(self.status_filter)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        # What the first filter reads, made ready a turn before it (the box focused, a key typed).
        self.search.textChanged.connect(self.model.prepare_search)
        self.search.installEventFilter(self)
        self.search.returnPressed.connect(self._apply_filter)
        for combo in (self.node_filter, self.type_filter, self.status_filter, self.cluster_filter):
            combo.currentIndexChanged.connect(self._apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence("Escape"), self.search, self.search.clear)

        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.action_delegate.menu_requested.connect(self._row_menu)
        # A view lays out a new row order on its next event-loop turn and paints the header and
        # counts before it: laid out at once, the whole change is painted in one pass.
        model.layoutChanged.connect(self.table.executeDelayedItemsLayout)
        model.counts_changed.connect(self._update_counts)
        for change in (model.rowsInserted, model.rowsRemoved, model.layoutChanged, model.modelReset):
            change.connect(self._update_empty)
        for change in (model.modelReset, model.nodes_changed):
            change.connect(self._refresh_node_filter)
        self._update_counts()
        self._update_empty()

    def _fill_static_filters(self) -> None:
        self.node_filter.addItem(self.tr("All nodes"), None)
        self.cluster_filter.addItem(self.tr("All clusters"), None)
        self.cluster_filter.hide()  # shown once a second cluster is connected
        for text, value in ((self.tr("All types"), None), (self.tr("Virtual machines"), QEMU),
                            (self.tr("Containers"), LXC)):
            self.type_filter.addItem(text, value)
        for text, value in ((self.tr("Any status"), None), (self.tr("Running"), RUNNING),
                            (self.tr("Stopped"), STOPPED), (self.tr("Paused or halted"), PAUSED),
                            (self.tr("Unknown"), UNKNOWN)):
            self.status_filter.addItem(text, value)

    # ---------------------------------------------------------------- state

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(SETTINGS_HEADER)
        header = self.table.horizontalHeader()
        if state is not None and header.restoreState(state):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            # A state saved by an older version may hold other resize modes (the tags column
            # once stretched, which squeezed it to nothing beside a cluster column).
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(COL_ACTIONS, QHeaderView.ResizeMode.Fixed)
            self._fit_tags()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(SETTINGS_HEADER, self.table.horizontalHeader().saveState())

    def set_clusters(self, names: list[str]) -> None:
        """Show the cluster column and filter only when more than one cluster is connected."""
        current = self.cluster_filter.currentData()
        self.cluster_filter.blockSignals(True)
        while self.cluster_filter.count() > 1:
            self.cluster_filter.removeItem(1)
        for name in names:
            self.cluster_filter.addItem(name, name)
        idx = self.cluster_filter.findData(current)
        self.cluster_filter.setCurrentIndex(max(0, idx))
        self.cluster_filter.blockSignals(False)
        several = len(names) > 1
        self.cluster_filter.setVisible(several)
        self.table.setColumnHidden(COL_CLUSTER, not several)
        self._fit_tags()

    def _fit_tags(self) -> None:
        """Give the tags column what the other visible columns leave over, at least TAGS_MIN_WIDTH."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(col) for col in range(header.count())
                     if col != COL_TAGS and not header.isSectionHidden(col))
        header.resizeSection(COL_TAGS, max(TAGS_MIN_WIDTH, self.table.viewport().width() - others - 2))
    def _refresh_node_filter(self) -> None:
        """The node list as the model's: only the nodes that came or went are inserted or removed
        (ten clusters connecting add 50 nodes each; rebuilding all 500 items for each was ~2-5 ms
        of the GUI thread per cluster)."""
        nodes = self.model.nodes()
        combo = self.node_filter
        existing = self._offered_nodes  # the combo's nodes, kept here: reading them back was ~1 ms each time
        if nodes == existing:
            return
        current = combo.currentData()
        wanted = set(nodes)
        combo.blockSignals(True)
        for i in range(len(existing), 0, -1):  # from the end: the indexes before stay put
            if existing[i - 1] not in wanted:
                combo.removeItem(i)
        kept = {node for node in existing if node in wanted}
        for i, node in enumerate(nodes, start=1):
            if node not in kept:
                combo.insertItem(i, node, node)
        if [node for node in existing if node in kept] != [node for node in nodes if node in kept]:
            # The kept ones in another order: the list made again.
            while combo.count() > 1:
                combo.removeItem(1)
            for node in nodes:
                combo.addItem(node, node)
        self._offered_nodes = list(nodes)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        if combo.currentData() != current:  # the node chosen went: the list shows all nodes again
            self._apply_filter()

    # -------------------------------------------------------------- filters

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> InstanceFilter:
        def chosen(combo: QComboBox) -> frozenset:
            value = combo.currentData()
            return frozenset({value}) if value else frozenset()

        text, parsed = self.search.text(), query.parse(self.search.text())
        if parsed.is_plain() and '"' not in text:  # free words only: today's substring search, unchanged
            parsed = None
        else:  # qualifiers or negation: the query language decides (pve/query.py)
            text = ""
        return InstanceFilter(text=text, query=parsed, nodes=chosen(self.node_filter),
                              types=chosen(self.type_filter), statuses=chosen(self.status_filter),
                              clusters=chosen(self.cluster_filter), tags=self.tag_filter)

    def set_tag_filter(self, tags: frozenset[str]) -> None:
        self.tag_filter = frozenset(tags)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.table.paint_next_turn()
        self.model.set_filter(self.current_filter())

    def _update_counts(self) -> None:
        running, total, vis_running, visible = self.model.counts()
        if visible == total:
            text = kit.fmt(self.tr("%1 running / %2 guests"), running, total)
        else:
            text = kit.fmt(self.tr("%1 running / %2 shown (of %3 guests)"), vis_running, visible, total)
        self.counts.setText(text)

    def set_empty_reason(self, text: str) -> None:
        """Why no guest is listed at all (e.g. no VM.Audit anywhere); "" when there is none."""
        self._empty_reason = text
        self._update_empty()

    def _update_empty(self, *args) -> None:
        has_rows = self.model.rowCount() > 0
        has_any = bool(self.model.counts()[1])
        reason = self._empty_reason if not has_any else ""
        self.empty.setText(reason or self.tr("No guests match the filters."))
        self.empty.setVisible(not has_rows and (has_any or bool(reason)))
        if self.empty.isVisible():
            self.empty.resize(self.table.viewport().size())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.empty.resize(self.table.viewport().size())
        self._fit_tags()

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_tags()
        elif event.type() == QEvent.Type.FocusIn and watched is self.search:
            self.model.prepare_search()
        return super().eventFilter(watched, event)

    def keys_in_view(self) -> list:
        """The keys of the rows in the list's viewport (whole or in part), top to bottom."""
        table = self.table
        first = table.rowAt(0)
        if first < 0:
            return []
        last = table.rowAt(table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        instance = self.model.instance
        return [instance(row).key for row in range(first, last + 1)]

    # ------------------------------------------------------------ selection

    def selected(self) -> list[Instance]:
        keys = persistent_keys(self.model, self.table.selectionModel().selectedRows())
        return [inst for inst in (self.model.get(k) for k in keys) if inst is not None]

    def select(self, key) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(self.model.index(row, COL_NAME), flags)
        self.table.scrollTo(self.model.index(row, COL_NAME))
        return True

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self._row_menu(index, self.table.viewport().mapToGlobal(pos))

    def _row_menu(self, index: QModelIndex, global_pos: QPoint) -> None:
        selection = self.table.selectionModel()
        if not selection.isRowSelected(index.row(), QModelIndex()):
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        menu = self.build_menu()
        menu.popup(global_pos)

    def build_menu(self) -> QMenu:
        """The row menu: what the window adds (details, console, ...) above the power actions."""
        menu = QMenu(self)
        menu.setObjectName("guestMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        selected = self.selected()
        for extend in self.menu_extenders:
            extend(menu, selected)
        if menu.actions():
            menu.addSeparator()
        self.actions.fill_menu(menu, selected)
        return menu

    def _open(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != COL_ACTIONS:
            self.open_requested.emit(self.model.instance(index.row()))
