//! Which actors the stored events name: lets the CLI tell a typo in `--actor` from an actor
//! that simply did nothing in the period asked for.

use crate::{Result, Store};

impl Store {
    /// The CAMEO actor codes of stored events' sides, most used first.
    pub fn actor_codes(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code FROM (SELECT source_actor AS code FROM events UNION ALL SELECT target_actor FROM events)
             WHERE code IS NOT NULL GROUP BY code ORDER BY count(*) DESC, code",
        )?;
        let codes = stmt
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(codes)
    }

    /// Whether `actor`, read as [`crate::EventFilter::actor`] reads it (a code prefix or part
    /// of a name, case ignored), names a side of any stored event.
    pub fn knows_actor(&self, actor: &str) -> Result<bool> {
        // instr and substr, not LIKE: the user's text is matched literally ('%' and '_' too).
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM events e
             LEFT JOIN entities se ON se.pk = e.source_entity
             LEFT JOIN entities te ON te.pk = e.target_entity
             WHERE substr(upper(e.source_actor), 1, length(?1)) = ?1
                OR substr(upper(e.target_actor), 1, length(?1)) = ?1
                OR instr(lower(se.name), ?2) > 0 OR instr(lower(te.name), ?2) > 0
             LIMIT 1",
        )?;
        Ok(stmt.exists(rusqlite::params![
            actor.trim().to_uppercase(),
            actor.trim().to_lowercase()
        ])?)
    }
}
