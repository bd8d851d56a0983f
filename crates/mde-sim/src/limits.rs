//! The service's rate limits: per application, strict rolling windows over admitted calls.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Limiter {
    windows: Vec<(u32, Duration)>,
    admitted: Mutex<HashMap<String, Vec<VecDeque<Instant>>>>,
}

impl Limiter {
    pub fn new(windows: Vec<(u32, Duration)>) -> Self {
        Limiter {
            windows,
            admitted: Mutex::new(HashMap::new()),
        }
    }

    /// Admits a call now, or says how long until the fullest window has room.
    pub fn admit(&self, key: &str) -> Result<(), (Duration, u32, Duration)> {
        let now = Instant::now();
        let mut all = self.admitted.lock().expect("limiter");
        let logs = all
            .entry(key.to_string())
            .or_insert_with(|| vec![VecDeque::new(); self.windows.len()]);
        let mut refusal: Option<(Duration, u32, Duration)> = None;
        for (&(limit, period), log) in self.windows.iter().zip(logs.iter_mut()) {
            while log
                .front()
                .is_some_and(|&t| now.duration_since(t) >= period)
            {
                log.pop_front();
            }
            if log.len() >= limit as usize {
                let wait = period - now.duration_since(log[0]);
                if refusal.is_none_or(|(w, _, _)| wait > w) {
                    refusal = Some((wait, limit, period));
                }
            }
        }
        if let Some(r) = refusal {
            // Retry-After is whole seconds: round up so a client that obeys it gets in.
            return Err((
                Duration::from_secs(r.0.as_secs_f64().ceil() as u64),
                r.1,
                r.2,
            ));
        }
        for log in logs.iter_mut() {
            log.push_back(now);
        }
        Ok(())
    }
}

/// Parses the simulator's own `N/DURATION,...` limits (kept apart from the client's parser on
/// purpose: the two sides must not share code that could be wrong on both).
pub fn parse_limits(spec: &str) -> Result<Vec<(u32, Duration)>, String> {
    if matches!(spec.trim(), "none" | "off" | "") {
        return Ok(Vec::new());
    }
    spec.split(',')
        .map(|part| {
            let (n, d) = part
                .trim()
                .split_once('/')
                .ok_or(format!("bad limit '{part}'"))?;
            let n: u32 = n.parse().map_err(|_| format!("bad count in '{part}'"))?;
            let secs = if let Some(v) = d.strip_suffix('s') {
                v.parse::<f64>()
            } else if let Some(v) = d.strip_suffix('m') {
                v.parse::<f64>().map(|v| v * 60.0)
            } else if let Some(v) = d.strip_suffix('h') {
                v.parse::<f64>().map(|v| v * 3600.0)
            } else {
                return Err(format!("bad duration in '{part}'"));
            }
            .map_err(|_| format!("bad duration in '{part}'"))?;
            if n == 0 || secs.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                return Err(format!("bad limit '{part}'"));
            }
            Ok((n, Duration::from_secs_f64(secs)))
        })
        .collect()
}
