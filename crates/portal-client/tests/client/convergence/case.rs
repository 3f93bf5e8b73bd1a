//! The generated case: three machines, random offline creates, edits and deletes (often clashing
//! on one field), syncs in random interleavings, and how conflicts are resolved at the end.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Machine {
    /// The administrator's desktop.
    Admin1,
    /// The administrator's laptop (the same user, another client id).
    Admin2,
    /// The sales rep, who sees only the prospects they own.
    Sales,
}

pub(crate) const MACHINES: [Machine; 3] = [Machine::Admin1, Machine::Admin2, Machine::Sales];

impl Machine {
    pub(crate) fn email(self) -> &'static str {
        match self {
            Machine::Admin1 | Machine::Admin2 => ADMIN,
            Machine::Sales => SALES,
        }
    }

    pub(crate) fn is_admin(self) -> bool {
        self != Machine::Sales
    }
}

/// The prospect fields the test edits, each with three values (so two machines often pick the
/// same value, which is no clash, and often different ones, which is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Notes,
    Sector,
    Status,
    Mailboxes,
    CompanyName,
}

pub(crate) const SECTORS: [&str; 3] = ["Retail", "Finance", "Legal"];

impl Field {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Notes => "notes",
            Field::Sector => "sector",
            Field::Status => "status",
            Field::Mailboxes => "mailboxes",
            Field::CompanyName => "company_name",
        }
    }

    /// The value as the form takes it.
    pub(crate) fn set(self, form: &mut ProspectForm, v: u8) {
        match self {
            Field::Notes => form.notes = format!("n{v}"),
            Field::Sector => form.sector = SECTORS[usize::from(v)].into(),
            Field::Status => form.status = Some(ProspectStatus::ALL[usize::from(v)]),
            Field::Mailboxes => form.mailboxes = (u32::from(v + 1) * 10).to_string(),
            Field::CompanyName => form.company_name = format!("Company {v}"),
        }
    }

    /// The same value as the record's JSON holds it.
    pub(crate) fn json(self, v: u8) -> Value {
        match self {
            Field::Notes => json!(format!("n{v}")),
            Field::Sector => json!(SECTORS[usize::from(v)]),
            Field::Status => json!(ProspectStatus::ALL[usize::from(v)]),
            Field::Mailboxes => json!(u32::from(v + 1) * 10),
            Field::CompanyName => json!(format!("Company {v}")),
        }
    }
}

/// One step of the story. `pick` chooses among the test prospects the machine sees, in the
/// order they were created (modulo their number), so a shrunk case reads "the first one".
#[derive(Clone)]
pub(crate) enum Op {
    Create {
        on: Machine,
        for_sales: bool,
    },
    Edit {
        on: Machine,
        pick: u8,
        field: Field,
        value: u8,
    },
    Delete {
        on: Machine,
        pick: u8,
    },
    Sync {
        on: Machine,
    },
    /// Settles the machine's oldest conflict, if it has one.
    Resolve {
        on: Machine,
        keep_mine: bool,
    },
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Create { on, for_sales } => {
                write!(
                    f,
                    "{on:?} creates{}",
                    if *for_sales { " for Sales" } else { "" }
                )
            }
            Op::Edit {
                on,
                pick,
                field,
                value,
            } => write!(
                f,
                "{on:?} edits #{pick} {} = {}",
                field.name(),
                field.json(*value)
            ),
            Op::Delete { on, pick } => write!(f, "{on:?} deletes #{pick}"),
            Op::Sync { on } => write!(f, "{on:?} syncs"),
            Op::Resolve { on, keep_mine } => write!(
                f,
                "{on:?} resolves ({})",
                if *keep_mine {
                    "keep mine"
                } else {
                    "take server's"
                }
            ),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) ops: Vec<Op>,
    /// How the end game settles each remaining conflict in turn (true: keep mine).
    pub(crate) endgame: Vec<bool>,
}

pub(crate) fn machine() -> impl Strategy<Value = Machine> {
    prop_oneof![
        Just(Machine::Admin1),
        Just(Machine::Admin2),
        Just(Machine::Sales)
    ]
}

pub(crate) fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        3 => Just(Field::Notes),
        1 => Just(Field::Sector),
        1 => Just(Field::Status),
        1 => Just(Field::Mailboxes),
        1 => Just(Field::CompanyName),
    ]
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (machine(), 0..4u8, field(), 0..3u8).prop_map(|(on, pick, field, value)| Op::Edit {
            on,
            pick,
            field,
            value
        }),
        4 => machine().prop_map(|on| Op::Sync { on }),
        2 => (machine(), any::<bool>()).prop_map(|(on, for_sales)| Op::Create { on, for_sales }),
        1 => (machine(), 0..4u8).prop_map(|(on, pick)| Op::Delete { on, pick }),
        1 => (machine(), any::<bool>()).prop_map(|(on, keep_mine)| Op::Resolve { on, keep_mine }),
    ]
}

/// Two machines edit the same field of the same record to different values, one after the other:
/// a clash whenever both saw the record at the same version.
pub(crate) fn clash() -> impl Strategy<Value = Vec<Op>> {
    (machine(), machine(), 0..4u8, field(), 0..3u8, 1..3u8)
        .prop_filter("two machines", |(a, b, ..)| a != b)
        .prop_map(|(a, b, pick, field, value, other)| {
            vec![
                Op::Edit {
                    on: a,
                    pick,
                    field,
                    value,
                },
                Op::Edit {
                    on: b,
                    pick,
                    field,
                    value: (value + other) % 3,
                },
            ]
        })
}

pub(crate) fn case() -> impl Strategy<Value = Case> {
    let step = prop_oneof![
        5 => op().prop_map(|op| vec![op]),
        1 => clash(),
    ];
    (
        prop::collection::vec(step, 1..=24),
        prop::collection::vec(any::<bool>(), 1..=4),
    )
        .prop_map(|(steps, endgame)| Case {
            ops: steps.into_iter().flatten().collect(),
            endgame,
        })
}
