//! A searchable list read one page at a time: a new query replaces the rows, "Show more" appends
//! the next page, and an answer to a query the user has since changed is dropped; and the
//! callbacks that change the query (search, filter, sort, clear).

use super::latest::next;
use crate::context::ReloadKey;
use portal_core::{
    customers::{
        CustomerList, CustomerQuery, CustomerRow, CustomerSort, InvoiceList, InvoiceQuery,
        InvoiceRow, InvoiceSort, RenewalList, RenewalQuery, RenewalRow, RenewalSort,
        SupportCaseList, SupportCaseQuery, SupportCaseRow, SupportCaseSort,
    },
    quoting::{
        OrderList, OrderQuery, OrderRow, OrderSort, QuoteList, QuoteQuery, QuoteRow, QuoteSort,
    },
    resources::library::{ResourceList, ResourceQuery, ResourceRow, ResourceSort},
    sales::{
        DealList, DealQuery, DealRow, DealSort, ProspectList, ProspectQuery, ProspectRow,
        ProspectSort,
    },
    wire::WireName,
    ApiError,
};
use std::{future::Future, rc::Rc};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Rows a page asks for at a time.
pub const PAGE_SIZE: u32 = 50;

/// A list query that can ask for one page, be sorted and be cleared.
pub trait PageQuery: Clone + PartialEq + 'static {
    /// A column to sort by, named as the wire names it (`data-sort` on its heading).
    type Sort: WireName + PartialEq;
    fn page(&self, offset: u32, limit: u32) -> Self;
    /// The same query from its first page (a search or a filter changed).
    fn first_page(&self) -> Self;
    /// Sorted by `sort`: the column it is sorted by already turns the order round.
    fn sorted(&self, sort: Self::Sort) -> Self;
    /// No search and no filters, keeping the sort, from the first page.
    fn cleared(&self) -> Self;
}

macro_rules! page_query {
    ($($query:ty => $sort:ty),* $(,)?) => {$(
        impl PageQuery for $query {
            type Sort = $sort;

            fn page(&self, offset: u32, limit: u32) -> Self {
                Self {
                    offset,
                    limit,
                    ..self.clone()
                }
            }

            fn first_page(&self) -> Self {
                Self {
                    offset: 0,
                    ..self.clone()
                }
            }

            fn sorted(&self, sort: $sort) -> Self {
                Self {
                    descending: sort == self.sort && !self.descending,
                    sort,
                    ..self.clone()
                }
            }

            fn cleared(&self) -> Self {
                Self {
                    sort: self.sort,
                    descending: self.descending,
                    limit: PAGE_SIZE,
                    ..Self::default()
                }
            }
        }
    )*};
}

page_query!(
    ProspectQuery => ProspectSort,
    DealQuery => DealSort,
    QuoteQuery => QuoteSort,
    OrderQuery => OrderSort,
    CustomerQuery => CustomerSort,
    RenewalQuery => RenewalSort,
    InvoiceQuery => InvoiceSort,
    SupportCaseQuery => SupportCaseSort,
);

/// The library's lists sort one way each (newest first, or by title A to Z): choosing the
/// sort again changes nothing, and clearing keeps the category the page lists.
impl PageQuery for ResourceQuery {
    type Sort = ResourceSort;

    fn page(&self, offset: u32, limit: u32) -> Self {
        Self {
            offset,
            limit,
            ..self.clone()
        }
    }

    fn first_page(&self) -> Self {
        Self {
            offset: 0,
            ..self.clone()
        }
    }

    fn sorted(&self, sort: ResourceSort) -> Self {
        Self {
            sort,
            ..self.first_page()
        }
    }

    fn cleared(&self) -> Self {
        Self {
            category: self.category,
            sort: self.sort,
            limit: PAGE_SIZE,
            ..Self::default()
        }
    }
}

/// A list answer: one page of rows and how many match in all.
pub trait Paged: 'static {
    type Row: 'static;
    fn into_parts(self) -> (Vec<Self::Row>, u64);
}

/// Lists whose answer is one run of rows.
macro_rules! paged {
    ($($list:ty => $row:ty),* $(,)?) => {$(
        impl Paged for $list {
            type Row = $row;
            fn into_parts(self) -> (Vec<$row>, u64) {
                (self.rows, self.total)
            }
        }
    )*};
}

paged!(
    ProspectList => ProspectRow,
    DealList => DealRow,
    QuoteList => QuoteRow,
    CustomerList => CustomerRow,
    RenewalList => RenewalRow,
    InvoiceList => InvoiceRow,
    SupportCaseList => SupportCaseRow,
);

impl Paged for ResourceList {
    type Row = ResourceRow;
    fn into_parts(self) -> (Vec<ResourceRow>, u64) {
        (self.rows, u64::from(self.total))
    }
}

/// Both sections in one run of rows (a row's status says its section), so "Show more" appends
/// to each section alike.
impl Paged for OrderList {
    type Row = OrderRow;
    fn into_parts(self) -> (Vec<OrderRow>, u64) {
        let mut rows = self.pending_customer_approval;
        rows.extend(self.submitted);
        (rows, self.total)
    }
}

pub struct ListState<R> {
    pub rows: Rc<Vec<R>>,
    pub total: u64,
    /// A request is on its way (the rows shown are the previous answer's).
    pub loading: bool,
    /// At least one answer has arrived.
    pub loaded: bool,
    pub error: Option<ApiError>,
    request: u32,
}

pub enum ListAction<R> {
    Start(u32),
    Loaded {
        request: u32,
        rows: Vec<R>,
        total: u64,
        append: bool,
    },
    Failed {
        request: u32,
        error: ApiError,
    },
}

impl<R> Default for ListState<R> {
    fn default() -> Self {
        Self {
            rows: Rc::new(Vec::new()),
            total: 0,
            loading: true,
            loaded: false,
            error: None,
            request: 0,
        }
    }
}

impl<R: Clone + 'static> Reducible for ListState<R> {
    type Action = ListAction<R>;

    fn reduce(self: Rc<Self>, action: ListAction<R>) -> Rc<Self> {
        match action {
            ListAction::Start(request) => Rc::new(Self {
                rows: self.rows.clone(),
                loading: true,
                request,
                error: None,
                total: self.total,
                loaded: self.loaded,
            }),
            ListAction::Loaded { request, .. } | ListAction::Failed { request, .. }
                if request != self.request =>
            {
                self
            }
            ListAction::Loaded {
                request,
                rows,
                total,
                append,
            } => {
                let rows = if append {
                    let mut all = (*self.rows).clone();
                    all.extend(rows);
                    all
                } else {
                    rows
                };
                Rc::new(Self {
                    rows: Rc::new(rows),
                    total,
                    loading: false,
                    loaded: true,
                    error: None,
                    request,
                })
            }
            ListAction::Failed { request, error } => Rc::new(Self {
                rows: self.rows.clone(),
                total: self.total,
                loading: false,
                loaded: self.loaded,
                error: Some(error),
                request,
            }),
        }
    }
}

/// What a list page gets back: its state, "Show more", and "Try again".
pub struct PagedList<R: Clone + 'static> {
    pub state: UseReducerHandle<ListState<R>>,
    pub more: Callback<()>,
    pub retry: Callback<()>,
}

/// Loads `query` (its first page) whenever it or `reload` changes. A reload for the same query
/// (the data changed underneath) asks for as many rows as are shown, so "Show more" is not lost.
#[hook]
pub fn use_paged_list<Q, L, F, Fut>(query: Q, reload: ReloadKey, fetch: F) -> PagedList<L::Row>
where
    Q: PageQuery,
    L: Paged,
    L::Row: Clone,
    F: Fn(Q) -> Fut + 'static,
    Fut: Future<Output = Result<L, ApiError>> + 'static,
{
    let state = use_reducer(ListState::<L::Row>::default);
    let counter = use_mut_ref(|| 0_u32);
    let retry = use_state(|| 0_u32);
    let last_query = use_mut_ref(|| None::<Q>);
    let shown = use_mut_ref(|| 0_usize);
    *shown.borrow_mut() = state.rows.len();
    let fetch = use_memo((), move |_| Rc::new(fetch));

    let load = {
        let dispatch = state.dispatcher();
        let counter = counter.clone();
        let fetch = fetch.clone();
        move |query: Q, append: bool| {
            let request = next(&counter);
            dispatch.dispatch(ListAction::Start(request));
            let pending = (**fetch)(query);
            let dispatch = dispatch.clone();
            spawn_local(async move {
                dispatch.dispatch(match pending.await {
                    Ok(list) => {
                        let (rows, total) = list.into_parts();
                        ListAction::Loaded {
                            request,
                            rows,
                            total,
                            append,
                        }
                    }
                    Err(error) => ListAction::Failed { request, error },
                });
            });
        }
    };
    {
        let load = load.clone();
        use_effect_with((query.clone(), reload, *retry), move |(query, _, _)| {
            let same = last_query.borrow().as_ref() == Some(query);
            let limit = if same {
                (*shown.borrow() as u32).max(PAGE_SIZE)
            } else {
                PAGE_SIZE
            };
            *last_query.borrow_mut() = Some(query.clone());
            load(query.page(0, limit), false);
        });
    }
    let more = {
        let offset = state.rows.len() as u32;
        let busy = state.loading;
        Callback::from(move |()| {
            if !busy {
                load(query.page(offset, PAGE_SIZE), true);
            }
        })
    };
    let retry = Callback::from(move |()| retry.set(retry.wrapping_add(1)));
    PagedList { state, more, retry }
}

/// The search or a filter changed: the query with `change` made, from its first page.
pub fn on_change<Q: PageQuery, V: 'static>(
    query: &Q,
    on_query: &Callback<Q>,
    change: impl Fn(&mut Q, V) + 'static,
) -> Callback<V> {
    let query = query.clone();
    on_query.reform(move |value: V| {
        let mut next = query.first_page();
        change(&mut next, value);
        next
    })
}

/// A heading was clicked (its key, the sort's wire name): the query sorted by its column (turned
/// round when sorted by it already).
pub fn on_sort<Q: PageQuery>(query: &Q, on_query: &Callback<Q>) -> Callback<AttrValue> {
    let (query, on_query) = (query.clone(), on_query.clone());
    Callback::from(move |key: AttrValue| {
        if let Some(sort) = Q::Sort::parse(&key) {
            on_query.emit(query.sorted(sort));
        }
    })
}

/// "Clear search and filters": the sort stays.
pub fn on_clear<Q: PageQuery>(query: &Q, on_query: &Callback<Q>) -> Callback<MouseEvent> {
    let query = query.clone();
    on_query.reform(move |_: MouseEvent| query.cleared())
}
