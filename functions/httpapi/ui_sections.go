package httpapi

// The status page's sections: each a table of rows, or a line saying
// there is none. Values go through text, cell and attr only (ui_render.go).

func (w *uiWriter) tasks(ts []uiTask) {
	w.raw("<section id=\"tasks\">\n  <h2>Recent tasks <small>newest first, kept in this process's memory</small></h2>\n")
	if len(ts) == 0 {
		w.empty("No task yet.")
	} else {
		w.table("Status", "When (UTC)", "Source", "Target", "Digest", "Bytes", "Took", "Error")
		for _, t := range ts {
			w.raw("    <tr class=\"task\">\n      <td>")
			w.badge(t.Class, t.Status)
			if t.Note != "" {
				w.raw(` <span class="note">`)
				w.text(t.Note)
				w.raw("</span>")
			}
			w.raw("</td>\n")
			w.cell("when", t.When)
			w.cell("ref", t.Source)
			w.cell("ref", t.Target)
			w.raw(`      <td class="mono digest"`)
			w.attr("title", t.Digest)
			w.raw(">")
			w.text(t.ShortDigest)
			w.raw("</td>\n")
			w.cell("num", t.Bytes)
			w.cell("num", t.Took)
			w.cell("error", t.Error)
			w.raw("    </tr>\n")
		}
		w.tableEnd()
	}
	w.raw("</section>\n")
}

func (w *uiWriter) jobs(js []uiJob) {
	w.raw("<section id=\"jobs\">\n  <h2>Jobs</h2>\n")
	if len(js) == 0 {
		w.empty("No job is configured.")
	} else {
		w.table("Job", "Schedule", "Next run", "Sources", "Tags", "Targets", "Last run", "Result")
		for _, j := range js {
			w.raw("    <tr class=\"job\">\n")
			w.cell("", j.Name)
			w.cell("mono", j.Schedule)
			w.cell("when", j.NextRun)
			w.cell("ref", j.Sources)
			w.cell("", j.Tags)
			w.cell("ref", j.Targets)
			w.cell("when", j.LastRun)
			w.raw("      <td>")
			if j.LastResult != "" {
				w.badge(j.Class, j.LastResult)
			}
			w.raw("</td>\n    </tr>\n")
		}
		w.tableEnd()
	}
	w.raw("</section>\n")
}

func (w *uiWriter) rules(rs []uiRule) {
	w.raw("<section id=\"push-rules\">\n  <h2>Push rules</h2>\n")
	if len(rs) == 0 {
		w.empty("No push rule is configured.")
	} else {
		w.table("Rule", "Registry", "Repository", "Tags", "Targets")
		for _, r := range rs {
			w.raw("    <tr class=\"rule\">\n")
			w.cell("", r.Name)
			w.cell("ref", r.Registry)
			w.cell("ref", r.Repository)
			w.cell("", r.Tags)
			w.cell("ref", r.Targets)
			w.raw("    </tr>\n")
		}
		w.tableEnd()
	}
	w.raw("</section>\n")
}

// autoSyncs lists the auto-sync rules and says when they were last
// reconciled (reconciled is "" before the first time).
func (w *uiWriter) autoSyncs(as []uiAutoSync, reconciled string) {
	w.raw("<section id=\"auto-sync\">\n  <h2>Auto-sync rules <small>")
	if reconciled == "" {
		w.raw("not reconciled yet")
	} else {
		w.raw("last reconciled ")
		w.text(reconciled)
	}
	w.raw("</small></h2>\n")
	if len(as) == 0 {
		w.empty("No auto-sync rule is configured.")
	} else {
		w.table("Name", "Engine", "Source", "Target", "Tag filter")
		for _, a := range as {
			w.raw("    <tr class=\"autosync\">\n")
			w.cell("", a.Name)
			w.cell("", a.Engine)
			w.cell("ref", a.Source)
			w.cell("ref", a.Target)
			w.cell("mono", a.TagFilter)
			w.raw("    </tr>\n")
		}
		w.tableEnd()
	}
	w.raw("</section>\n")
}

// table opens a table with its column heads; the rows follow, then tableEnd.
func (w *uiWriter) table(heads ...markup) {
	w.raw("  <table>\n    <thead><tr>")
	for _, h := range heads {
		w.raw("<th>" + h + "</th>")
	}
	w.raw("</tr></thead>\n    <tbody>\n")
}

func (w *uiWriter) tableEnd() { w.raw("    </tbody>\n  </table>\n") }

// empty says a section has nothing to list.
func (w *uiWriter) empty(line markup) { w.raw(`  <p class="empty">` + line + "</p>\n") }

// cell writes a table cell holding s, of the class when it is not "".
func (w *uiWriter) cell(class markup, s string) {
	if class == "" {
		w.raw("      <td>")
	} else {
		w.raw(`      <td class="` + class + `">`)
	}
	w.text(s)
	w.raw("</td>\n")
}

// badge writes s in a badge of the status class.
func (w *uiWriter) badge(class markup, s string) {
	w.raw(`<span class="badge ` + class + `">`)
	w.text(s)
	w.raw("</span>")
}
