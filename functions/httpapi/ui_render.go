package httpapi

import (
	"bytes"
	_ "embed"
	"html"
	"strconv"
	"strings"
)

// Why not html/template: text/template's executor (which html/template
// runs) calls reflect.Value.MethodByName with a name known only at run
// time, so the Go linker can no longer drop unused exported methods and
// keeps every one of every type in the binary. Measured against infra/compat
// without its template executor (both had to go): `go build
// ./functions/local` 42.9 → 23.9 MB, the AWS bootstrap 29.9 → 15.7 MB
// (its zip 8.7 → 5.8 MB), `imagesync version` peak RSS 17.5 → 14.7 MiB.
// Every platform binary links this package, so every zip and cold start
// would pay for it; a page of seven parts does not need it.
// TestNoTemplateImport keeps it out.

// uiCSS is the page's style sheet, fixed at build time.
//
//go:embed ui.css
var uiCSS string

// markup is fixed markup: a string constant converts to it implicitly, a
// string variable does not, so a dynamic value cannot reach raw by
// accident. Never convert a dynamic value to it.
type markup string

// uiWriter writes the status page.
//
// Escaping: every dynamic value goes through text or attr, which escape it
// with html.EscapeString (< > & ' "). That is right for the only two
// places the page puts values: element text and double-quoted attribute
// values (title="…", content="…"). No dynamic value goes into a URL, a
// script, a style or an unquoted attribute; keep it so, as these escapes
// do not make a value safe there. Class names are markup from a fixed set
// (statusClass, jobRow), never data.
type uiWriter struct{ b bytes.Buffer }

// raw writes fixed markup as it is.
func (w *uiWriter) raw(m markup) { w.b.WriteString(string(m)) }

// text writes s as element text.
func (w *uiWriter) text(s string) { w.b.WriteString(html.EscapeString(s)) }

// attr writes ` name="value"`, the value escaped.
func (w *uiWriter) attr(name markup, value string) {
	w.raw(" " + name + `="`)
	w.text(value)
	w.raw(`"`)
}

// renderUI is the page's markup.
func renderUI(p uiPage) []byte {
	var w uiWriter
	w.head(p.RefreshSeconds)
	w.header(p)
	w.raw("<main>\n")
	w.tasks(p.Tasks)
	w.jobs(p.Jobs)
	w.rules(p.Rules)
	w.autoSyncs(p.AutoSyncs, p.Reconciled)
	w.raw("</main>\n")
	w.footer(p.Refresh)
	return w.b.Bytes()
}

// head is everything up to <body>: the meta refresh (no script reloads
// the page) and the style sheet.
func (w *uiWriter) head(refreshSeconds int) {
	w.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\"")
	w.attr("content", strconv.Itoa(refreshSeconds))
	w.raw(">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>imagesync status</title>\n<style>\n")
	w.raw(markup(uiCSS)) // fixed: embedded at build time
	w.raw("</style>\n</head>\n<body>\n")
}

// header is the bar on top: engines, where the config came from, when.
func (w *uiWriter) header(p uiPage) {
	w.raw("<header>\n  <h1>imagesync</h1>\n  <span>engines: <b id=\"engines\">")
	w.text(strings.Join(p.Engines, ", "))
	w.raw("</b></span>\n  <span>config: <b id=\"config-source\">")
	w.text(p.ConfigSource)
	w.raw("</b>")
	if p.ConfigDigest != "" {
		w.raw(` <span class="mono"`)
		w.attr("title", p.ConfigDigest)
		w.raw(">")
		w.text(p.ConfigDigest)
		w.raw("</span>")
	}
	w.raw("</span>\n  <span>as of <b id=\"now\">")
	w.text(p.Now)
	w.raw("</b></span>\n</header>\n")
}

func (w *uiWriter) footer(refresh string) {
	w.raw("<footer>Reloads every ")
	w.text(refresh)
	w.raw(". The same data as JSON: GET /v1/syncs, /healthz.</footer>\n</body>\n</html>\n")
}
