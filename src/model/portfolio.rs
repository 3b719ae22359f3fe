//! The portfolio file's top level: the seller, its plans, offerings and team.

use serde::{Deserialize, Serialize};

use super::{Account, Date, Program, Settings};

/// One portfolio file.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Portfolio {
    /// The selling company.
    pub seller: Seller,
    /// ISO 4217 code of every money figure.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The reporting period printed on the decks (`FY2026 Q2`).
    #[serde(default)]
    pub period: Option<String>,
    /// "Today" for timelines, queue ages and renewals; also the document date.
    #[serde(default)]
    pub report_date: Option<Date>,
    /// Fiscal years, oldest first; revenue is keyed by these.
    pub fiscal_years: Vec<String>,
    /// Who prepared the deck (title slide); defaults to the seller's division.
    #[serde(default)]
    pub prepared_by: Option<String>,
    /// The confidentiality line of every footer; defaults to the catalogue's "Confidential".
    #[serde(default)]
    pub confidentiality: Option<String>,
    /// How the decks are made (language); the command line overrides it.
    #[serde(default)]
    pub deck: DeckOptions,
    /// Thresholds and weights of the analyses.
    #[serde(default)]
    pub settings: Settings,
    /// Subscription plans MRR is split across.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// The seller's offerings (columns of the division map).
    #[serde(default)]
    pub offerings: Vec<Offering>,
    /// The account team.
    #[serde(default)]
    pub team: Vec<Member>,
    /// The accounts.
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The KAM program itself.
    #[serde(default)]
    pub program: Program,
}

/// Choices about the decks a portfolio makes, kept with the data in version control.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeckOptions {
    /// The language of the decks and their workbooks (`en`, `de`, `fr`, `es`).
    #[serde(default)]
    pub lang: Option<String>,
    /// A built-in theme's name, or a theme folder (relative to the portfolio file).
    #[serde(default)]
    pub theme: Option<String>,
    /// The review deck's name on its title slide and in the PDF's title, instead of the
    /// catalogue's ("Quarterly KAM review").
    #[serde(default)]
    pub title: Option<String>,
    /// The review's slides by id, in this order (`--slides` wins).
    #[serde(default)]
    pub slides: Option<Vec<String>>,
    /// The account plans' slides by id, in this order (`--slides` wins).
    #[serde(default)]
    pub plan_slides: Option<Vec<String>>,
    /// The footers' confidentiality line for these decks (before the top-level one).
    #[serde(default)]
    pub confidentiality: Option<String>,
    /// Also write an editable PowerPoint deck beside each PDF (as `--pptx` does).
    #[serde(default)]
    pub pptx: bool,
}

fn default_currency() -> String {
    "USD".into()
}

/// The selling company.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Seller {
    /// Company name.
    pub name: String,
    /// Division presenting the deck.
    #[serde(default)]
    pub division: Option<String>,
}

/// A subscription plan.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Plan {
    /// Id used as a key in `mrr`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The plan the team upsells to.
    #[serde(default)]
    pub upsell: bool,
}

/// One of the seller's offerings or divisions.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Offering {
    /// Id used in division maps and opportunities.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A member of the account team.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Member {
    /// Id referenced as owner and in RACI rows.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Role in the team.
    #[serde(default)]
    pub role: Option<String>,
    /// Contact address.
    #[serde(default)]
    pub email: Option<String>,
}

impl Portfolio {
    /// The portfolio reduced to account `i` and what it refers to: the input of a plan's workbook.
    pub fn only_account(&self, i: usize) -> Portfolio {
        Portfolio {
            seller: self.seller.clone(),
            currency: self.currency.clone(),
            period: self.period.clone(),
            report_date: self.report_date,
            fiscal_years: self.fiscal_years.clone(),
            prepared_by: self.prepared_by.clone(),
            confidentiality: self.confidentiality.clone(),
            deck: self.deck.clone(),
            settings: self.settings.clone(),
            plans: self.plans.clone(),
            offerings: self.offerings.clone(),
            team: self.team.clone(),
            accounts: vec![self.accounts[i].clone()],
            program: Program::default(),
        }
    }

    /// The latest fiscal year (validation guarantees there is one).
    pub fn latest_year(&self) -> &str {
        self.fiscal_years.last().map_or("", String::as_str)
    }

    /// The team member with this id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.team.iter().find(|m| m.id == id)
    }
}
