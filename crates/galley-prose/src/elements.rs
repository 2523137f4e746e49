//! How HTML elements shape the text a reader sees, shared by every reader of
//! HTML (pages, and HTML inside Markdown).

/// Elements whose text is not prose: code, and text that is not shown as text.
pub const NOT_PROSE: &[&str] = &[
    "code", "kbd", "pre", "samp", "script", "style", "textarea", "template",
];

/// Elements that do not interrupt the text around them; every other element
/// is a boundary between words (`<p>`, `<li>`, `<br>`, `<td>`…).
pub const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font", "i", "ins",
    "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];
