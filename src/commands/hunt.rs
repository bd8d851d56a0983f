//! Picking machines by hunting query, for the commands: the query run through the session
//! (Graph first, the Defender API as fallback), and its provenance in the results.

use std::sync::Arc;

use super::session::{Session, ledger};
use crate::api::hunting::{Hunter, HuntingApi};
use crate::auth::TokenProvider;
use crate::journal::store;
use crate::lookup::hunting::HuntError;
use crate::model::{MachineRef, Query, QueryRun};
use crate::pipeline::{Executor, Stop};
use crate::report::{Format, Report};
use crate::settings::Settings;
use crate::ui::text::plural;

impl Session {
    /// Runs a hunting query once: through Graph (falling back to the Defender API when Graph
    /// refuses the app and `--hunting-api` was not given), paced by the hunting windows that
    /// every process of the app shares. The machines it picks and its provenance.
    pub async fn hunt(
        &self,
        settings: &Settings,
        query: &Query,
    ) -> Result<(Vec<MachineRef>, QueryRun), HuntError> {
        let first = match settings.hunting_api() {
            crate::settings::HuntingApi::Mde => HuntingApi::Mde,
            _ => HuntingApi::Graph,
        };
        let explicit = settings.hunting_api() != crate::settings::HuntingApi::Auto;
        self.printer.note(format!(
            "running the hunting query ({}, {} characters, sha256 {}…) through {}",
            query.origin,
            query.text.chars().count(),
            &query.sha256()[..12],
            match first {
                HuntingApi::Graph => "Microsoft Graph",
                HuntingApi::Mde => "the Defender API",
            }
        ));
        let mut api = first;
        loop {
            let exec = self.hunter(settings, api)?;
            let answer = tokio::select! {
                biased;
                _ = self.exec.stop.stopped() => Err(HuntError::Stopped),
                answer = crate::lookup::hunting::run(&exec, query) => answer,
            };
            match answer {
                Ok(answer) => {
                    let ran_at = store::now_rfc3339();
                    return crate::lookup::hunting::picked(query, api, ran_at, &answer);
                }
                Err(e) if api == HuntingApi::Graph && !explicit && e.is_refusal() => {
                    self.printer.warn(format!(
                        "{e}; running it through the Defender API's advanced hunting instead (--hunting-api graph makes this an error)"
                    ));
                    api = HuntingApi::Mde;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The executor of one hunting API: its own token audience, the hunting pace (shared with
    /// the app's other processes), the run's retries, a stop of its own (a refusal there must
    /// not stop the run; the run's signals end the query from `hunt`).
    fn hunter(&self, settings: &Settings, api: HuntingApi) -> Result<Executor<Hunter>, HuntError> {
        let (credential, base, http) = match api {
            HuntingApi::Mde => (
                self.credential.clone(),
                settings.endpoint().clone(),
                self.http.clone(),
            ),
            HuntingApi::Graph => (
                self.credential
                    .for_resource(settings.graph_resource())
                    .map_err(|e| HuntError::Guardrail(e.0.to_string()))?,
                settings.graph().clone(),
                settings.graph_http_client(),
            ),
        };
        let auth = TokenProvider::new(
            credential,
            http.clone(),
            self.printer.clone(),
            settings.retry_policy().retries,
        );
        let pacer = settings.hunting_pacer();
        if let (Some(t), Some(c), Some(quota)) = (&self.tenant, &self.client, &self.quota) {
            let app = format!("{c}-hunting");
            pacer.share(ledger(
                quota,
                t,
                &app,
                settings.hunting_windows(),
                &self.printer,
            ));
        }
        Ok(Executor {
            api: Arc::new(Hunter::new(api, http, base, auth, self.printer.clone())),
            pacer: Arc::new(pacer),
            policy: settings.retry_policy(),
            concurrency: 1,
            stop: Arc::new(Stop::default()),
            renewals: Default::default(),
        })
    }
}

/// What a hunting query did, in one line: when it ran, rows returned, machines picked.
pub fn query_line(run: &QueryRun) -> String {
    let dropped = match run.dropped {
        0 => String::new(),
        n => format!(
            " ({} with no {} dropped)",
            plural(n as usize, "row", "rows"),
            run.column
        ),
    };
    format!(
        "hunting query sha256 {}…: ran {} through {} (timespan {}): {} returned, {} picked by {}{dropped}",
        &run.sha256[..12.min(run.sha256.len())],
        run.ran_at,
        run.api,
        run.timespan,
        plural(run.rows as usize, "row", "rows"),
        plural(run.machines as usize, "machine", "machines"),
        run.column,
    )
}

/// The query's provenance in the results: in the summary (JSON, JSONL), and a footer line
/// of the table.
pub fn add_query(report: &mut Report, query: Option<&QueryRun>, settings: &Settings) {
    if let Some(run) = query {
        report.summary.query = Some(run.clone());
        if settings.output() == Format::Table {
            report.notes.push(query_line(run));
        }
    }
}
