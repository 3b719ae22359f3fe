//! The program's sheets: `Milestones` and `RACI` (rows of an account, or of the program where
//! `account` is empty) and `Charter`.

use std::collections::HashMap;

use super::{Grid, Reader};
use crate::input::excel::layout::{self as l, Cell};
use crate::model::{Account, Charter, Milestone, Objective, OrderedMap, Program, Raci, Role};

impl Reader {
    /// Milestones of accounts and of the program's rollout.
    pub(super) fn milestones(
        &mut self,
        grids: &[Grid],
        ids: &HashMap<String, usize>,
        accounts: &mut [Account],
        program: &mut Program,
    ) {
        let Some(sheet) = self.sheet(grids, l::MILESTONES, false) else { return };
        self.fields(
            &sheet,
            &[("name", "name"), ("start", "start"), ("end", "end"), ("owner", "owner"), ("status", "status")],
        );
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let name = self.required_text(&row, "name");
            let (start, end) = (self.date(&row, "start"), self.date(&row, "end"));
            for (h, d) in [("start", start), ("end", end)] {
                if d.is_none()
                    && let Some(c) = sheet.cols.get(h).copied().filter(|c| row.cell_at(*c) == &Cell::Empty)
                {
                    self.problem(row.place(c), format!("`{h}` is empty: a milestone needs both dates"));
                }
            }
            let owner = self.text(&row, "owner");
            let status = self.choice(&row, "status");
            let (Some(name), Some(start), Some(end), Some(acc)) = (name, start, end, acc) else { continue };
            let m = Milestone { name, start, end, owner, status };
            match acc {
                Some(i) => {
                    self.element(format!("accounts[{i}].milestones[{}]", accounts[i].milestones.len()), &row);
                    accounts[i].milestones.push(m);
                }
                None => {
                    self.element(format!("program.milestones[{}]", program.milestones.len()), &row);
                    program.milestones.push(m);
                }
            }
        }
    }

    /// RACI letters of accounts and of the program; one row per activity and member.
    pub(super) fn raci(
        &mut self,
        grids: &[Grid],
        ids: &HashMap<String, usize>,
        accounts: &mut [Account],
        program: &mut Program,
    ) {
        let Some(sheet) = self.sheet(grids, l::RACI, false) else { return };
        let member_col = sheet.cols.get("member").copied().unwrap_or(0);
        for row in sheet.rows() {
            let acc = self.owner_account(&row, ids);
            let activity = self.required_text(&row, "activity");
            let member = self.required_text(&row, "member");
            let role = self.choice::<Raci>(&row, "role");
            let (Some(activity), Some(member), Some(role), Some(acc)) = (activity, member, role, acc) else {
                continue;
            };
            let (raci, path) = match acc {
                Some(i) => (&mut accounts[i].raci, format!("accounts[{i}].raci")),
                None => (&mut program.raci, "program.raci".to_owned()),
            };
            let place = row.place(member_col);
            let entry = match raci.0.iter_mut().position(|(k, _)| *k == activity) {
                Some(j) => &mut raci.0[j].1,
                None => {
                    raci.0.push((activity.clone(), OrderedMap::default()));
                    &mut raci.0.last_mut().expect("just pushed").1
                }
            };
            if entry.get(&member).is_some() {
                self.problem(place, format!("`{member}` has a second letter for `{activity}`: keep one row"));
                continue;
            }
            entry.0.push((member.clone(), role));
            self.places.cells.insert(format!("{path}.{activity}.{member}"), (place, row.abs_row()));
        }
    }

    pub(super) fn charter(&mut self, grids: &[Grid]) -> Option<Charter> {
        let sheet = self.sheet(grids, l::CHARTER, false)?;
        let mut c = Charter::default();
        let mut any = false;
        for row in sheet.rows() {
            let (Some(section), Some(text)) = (self.required_text(&row, "section"), self.required_text(&row, "text"))
            else {
                continue;
            };
            let (detail, target) = (self.text(&row, "detail"), self.text(&row, "target"));
            any = true;
            match section.as_str() {
                "mission" => c.mission = Some(text),
                "qualification" => c.qualification = Some(text),
                "objective" => c.objectives.push(Objective { name: text, kpi: detail, target }),
                "role" => c.roles.push(Role { role: text, duty: detail }),
                _ => c.governance.push(text),
            }
        }
        any.then_some(c)
    }
}
