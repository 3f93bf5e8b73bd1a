//! A vertical bar chart in plain HTML and CSS (no chart library): one bar per category, a few
//! gridlines with their values, each bar's value above it, each bar clickable and described for
//! screen readers. HTML rather than a scaled SVG keeps its text at the page's size at any width.

use yew::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Under the bar (`Mar`).
    pub label: AttrValue,
    /// Under the label, where a new period starts (`2027` under `Jan`).
    pub group: Option<AttrValue>,
    /// The bar's height, in any unit (minor units of money, a count).
    pub value: i64,
    /// The tooltip and accessible name (`March 2026: $12,400.00, 3 renewals`).
    pub title: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub bars: Vec<Bar>,
    /// The chart's accessible name.
    pub label: AttrValue,
    /// A value as short text, for the gridlines and above the bars (`$12k`).
    pub axis: Callback<i64, String>,
    /// Clicking bar `i`.
    #[prop_or_default]
    pub on_bar: Option<Callback<usize>>,
    /// The plot's height in pixels (the labels are outside it).
    #[prop_or(200)]
    pub height: u32,
}

/// A "nice" top of the scale at or above `max`: 1, 2, 4, 6 or 8 times a power of ten, so that its
/// quarters (the gridlines) are round numbers too.
fn nice_top(max: i64) -> i64 {
    if max <= 0 {
        return 1;
    }
    let mut step = 1_i64;
    while step.saturating_mul(10) <= max {
        step = step.saturating_mul(10);
    }
    for m in [1, 2, 4, 6, 8, 10] {
        if step.saturating_mul(m) >= max {
            return step.saturating_mul(m);
        }
    }
    step.saturating_mul(10)
}

#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let max = props.bars.iter().map(|b| b.value).max().unwrap_or(0);
    let top = nice_top(max);
    let pct = |v: i64| (v.max(0) as f64 / top as f64 * 100.0).min(100.0);

    let grid = (0..=4).map(|i| {
        let v = top / 4 * i;
        html! {
            <div class="bar-chart-grid" style={format!("bottom: {:.2}%", pct(v))}>
                <span class="bar-chart-tick">{ props.axis.emit(v) }</span>
            </div>
        }
    });
    let bars = props.bars.iter().enumerate().map(|(i, b)| {
        let fill = html! {
            <>
                if b.value > 0 {
                    <span class="bar-chart-value">{ props.axis.emit(b.value) }</span>
                }
                <span class="bar-chart-fill" style={format!("height: {:.2}%", pct(b.value))}></span>
            </>
        };
        match &props.on_bar {
            Some(cb) => html! {
                <button type="button" class="bar-chart-bar bar-chart-link"
                    aria-label={b.title.clone()} title={b.title.clone()}
                    onclick={cb.reform(move |_: MouseEvent| i)}>
                    { fill }
                </button>
            },
            None => html! {
                <span class="bar-chart-bar" role="img" aria-label={b.title.clone()}
                    title={b.title.clone()}>{ fill }</span>
            },
        }
    });
    let labels = props.bars.iter().map(|b| {
        html! {
            <span class="bar-chart-label">
                { b.label.clone() }
                if let Some(g) = &b.group {
                    <span class="bar-chart-group">{ g.clone() }</span>
                }
            </span>
        }
    });
    html! {
        <figure class="bar-chart" aria-label={props.label.clone()}
            style={format!("--plot-height: {}px", props.height)}>
            <div class="bar-chart-plot">
                <div class="bar-chart-grids" aria-hidden="true">{ for grid }</div>
                <div class="bar-chart-bars">{ for bars }</div>
            </div>
            <div class="bar-chart-labels" aria-hidden="true">{ for labels }</div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::nice_top;

    #[test]
    fn the_scale_tops_out_at_a_round_number() {
        assert_eq!(nice_top(0), 1);
        assert_eq!(nice_top(7), 10);
        assert_eq!(nice_top(12), 20);
        assert_eq!(nice_top(18_300_000), 20_000_000);
        assert_eq!(nice_top(30_000), 40_000);
        assert_eq!(nice_top(430_000), 600_000);
        assert_eq!(nice_top(700), 800);
        assert_eq!(nice_top(100), 100);
    }
}
