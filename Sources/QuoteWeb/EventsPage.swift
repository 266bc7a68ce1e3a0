import QuoteCore
import StateStore

/// `/events`: the events the filters of `quotewatch events` select, newest first, with the form
/// that sets them.
struct EventsPage {
    var filter: EventFilter
    var statements: [String]
    var events: [ChangeEvent]

    var html: String {
        var body = "<h1>Events</h1>\n<form class=\"filters\" method=\"get\" action=\"/events\">"
        body += "<label>Type<select name=\"type\"><option value=\"\">any</option>"
        for type in EventType.allCases {
            body += "<option\(filter.query.types == [type] ? " selected" : "")>\(type.rawValue)</option>"
        }
        body += "</select></label><label>Statement<select name=\"statement\"><option value=\"\">any</option>"
        for id in statements {
            body += "<option value=\"\(HTML.escape(id))\"\(filter.query.statement == id ? " selected" : "")>\(HTML.escape(id))</option>"
        }
        body += "</select></label><label>After event #<input name=\"since\" inputmode=\"numeric\" size=\"6\" value=\"\(filter.query.afterID.map(String.init) ?? "")\"></label>"
        body += "<button type=\"submit\">Show</button></form>\n"
        body += "<p class=\"muted\">\(Plural.of(events.count, "event")), newest first\(events.count == filter.limit ? " (the latest \(filter.limit); narrow the filters or page with since)" : ""). "
        body += "<a href=\"/events.atom\(filter.queryString)\">Atom</a> · <a href=\"/api/events\(filter.queryString)\">JSON</a></p>\n"
        body += EventView.table(events, empty: "No events match.")
        return PageLayout.page(title: "Events", body: body)
    }
}
