"""The sidebar: categories in the handbook's order, their pages in `order`, each with its risk marker."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from handbook.library import Library
from handbook.ui.markers import page_label


class Sidebar(Tree[str]):
    """A tree of the library; a page node's data is its slug, a category node's is None."""

    BORDER_TITLE = "Pages"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Handbook"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._page_nodes: dict[str, TreeNode[str]] = {}

    def show_library(self, library: Library, current: str | None = None) -> None:
        """Rebuild the tree for `library`, keeping collapsed categories collapsed."""
        collapsed = {str(node.label) for node in self.root.children if not node.is_expanded}
        self.clear()
        self._page_nodes = {}
        for category in library.categories:
            branch = self.root.add(Text(category.name, style="bold"), expand=category.name not in collapsed)
            for page in category.pages:
                self._page_nodes[page.slug] = branch.add_leaf(page_label(page.title, page.risk), data=page.slug)
        if current is not None:
            self.mark_current(current)

    def mark_current(self, slug: str) -> None:
        """Move the cursor to the page `slug` (opening its category), without opening it again."""
        node = self._page_nodes.get(slug)
        if node is None:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        # Line numbers of fresh nodes are known only after the tree lays itself out again.
        self.call_after_refresh(self.move_cursor, node)
