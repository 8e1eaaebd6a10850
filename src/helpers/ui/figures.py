"""The apps' figures as widgets that draw on every load: :func:`figure_widget`.

A plotly ``FigureWidget`` is an anywidget whose front-end module is plotly's widget bundle
(plotly.js and its widget code, about 5 MB), sent with each figure and compiled for each figure:
about a second per figure on a quiet machine, one after another on the page's one thread.
anywidget gives a model two seconds from its creation to load its module; past that the model
fails ("[anywidget] Failed to initialize model.") and every later message to it is dropped. The
figure then stays as its model was created, before plotly filled it (no traces, no title: empty
axes −1…6), whatever the sliders do. Notebook 03 makes two figures at once, so the second one's
two seconds include the first one's compiling, and on a busy machine the load is lost.

:class:`ChartWidget` is the same ``FigureWidget`` (same Python API, same plotly bundle) with two
changes that take the load off the deadline:

- its front-end module is a small loader: the model is ready at once, and plotly's bundle is
  compiled when the first figure is drawn, once per page for all figures;
- every change made in Python is also kept in the widget's state (``_widget_data``,
  ``_widget_layout``), not only sent as a delta, so a view drawn later, a reloaded page or
  Voila start from the figure as it is now.
"""

from __future__ import annotations

from copy import deepcopy

import plotly
import plotly.graph_objects as go
import traitlets
from plotly.basewidget import BaseFigureWidget

__all__ = ["ChartWidget", "figure_widget"]

# the messages plotly sends a figure's front end for each change (set, then set back to None)
_DELTAS = (
    "_py2js_addTraces",
    "_py2js_restyle",
    "_py2js_relayout",
    "_py2js_update",
    "_py2js_animate",
    "_py2js_deleteTraces",
    "_py2js_moveTraces",
    "_py2js_removeLayoutProps",
    "_py2js_removeTraceProps",
)

# The figure's front-end module. ``initialize`` only keeps the model, so anywidget's deadline is
# met; the first view imports plotly's own widget module from the ``_plotly_widget`` text (once
# per page, kept on globalThis by plotly version, so later figures wait for no compiling),
# initialises it on the model and draws; later views of the figure reuse it.
_LOADER = """
const CACHE = Symbol.for("helpers.ui.figures:plotly-widget");

function plotlyModule(model) {
  const cache = (globalThis[CACHE] ??= new Map());
  const version = model.get("_plotly_version");
  if (!cache.has(version)) {
    const text = new Blob([model.get("_plotly_widget")], { type: "text/javascript" });
    const url = URL.createObjectURL(text);
    cache.set(version, import(url).finally(() => URL.revokeObjectURL(url)));
  }
  return cache.get(version);
}

export default () => {
  let figureModel;
  let plotlyWidget;
  return {
    initialize({ model }) {
      figureModel = model;
    },
    async render(view) {
      plotlyWidget ??= plotlyModule(figureModel).then(async (module) => {
        const widget = await module.default();
        await widget.initialize({ model: figureModel });
        return widget;
      });
      return (await plotlyWidget).render(view);
    },
  };
};
"""


class ChartWidget(go.FigureWidget):
    """A plotly ``FigureWidget`` that draws on every load (see the module's text).

    >>> chart = ChartWidget(go.Figure(go.Bar(x=["2026-01"], y=[380.0])))
    >>> with chart.batch_update():
    ...     chart.data[0].y = [420.0]
    >>> chart._widget_data[0]["y"]  # the state a page loads holds the change
    [420.0]
    """

    _esm = _LOADER
    _plotly_widget = traitlets.Unicode(str(BaseFigureWidget._esm)).tag(sync=True)
    _plotly_version = traitlets.Unicode(plotly.__version__).tag(sync=True)

    @traitlets.observe(*_DELTAS)
    def _keep_state(self, change: dict) -> None:
        if change["new"] is None:  # a delta has been sent: the state follows it
            self._widget_data = deepcopy(self._data)
            self._widget_layout = deepcopy(self._layout_obj._props)


def figure_widget(figure: go.Figure) -> ChartWidget:
    """The widget the apps show ``figure`` in, to update in place with ``batch_update``.

    >>> budget = go.Figure(go.Scatter(x=["2026-01", "2026-02"], y=[380.0, 420.0]))
    >>> chart = figure_widget(budget)
    >>> chart.data[0].y, chart._widget_data[0]["y"]
    ((380.0, 420.0), [380.0, 420.0])
    """
    return ChartWidget(figure)
