//! How HTML elements shape the text a reader sees, shared by every reader of
//! HTML (pages, and HTML inside Markdown).

/// What an element does to the text around and inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// Does not interrupt the text around it (`em`, `a`, `span`…).
    Inline,
    /// Its text is not prose: code, and text that is not shown as text
    /// (`code`, `pre`, `script`, `style`…). Also a boundary.
    NotProse,
    /// A boundary between words (`p`, `li`, `br`, `td`, and any other element).
    Boundary,
}

/// The role of the element named `name` (any case). Called for every tag of
/// every page, so it matches on lower-cased bytes rather than searching lists.
pub fn text_role(name: &[u8]) -> TextRole {
    // Tags are nearly always written in lower case: match as written first.
    let role = role_of_lower(name);
    if role != TextRole::Boundary || !name.iter().any(u8::is_ascii_uppercase) {
        return role;
    }
    let mut buffer = [0u8; 8];
    let Some(lower) = buffer.get_mut(..name.len()) else {
        return TextRole::Boundary;
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    role_of_lower(lower)
}

fn role_of_lower(name: &[u8]) -> TextRole {
    match name {
        b"a" | b"abbr" | b"b" | b"bdi" | b"bdo" | b"cite" | b"data" | b"del" | b"dfn" | b"em"
        | b"font" | b"i" | b"ins" | b"label" | b"mark" | b"q" | b"s" | b"small" | b"span"
        | b"strong" | b"sub" | b"sup" | b"time" | b"u" | b"var" => TextRole::Inline,
        b"code" | b"kbd" | b"pre" | b"samp" | b"script" | b"style" | b"textarea" | b"template" => {
            TextRole::NotProse
        }
        _ => TextRole::Boundary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_found_in_any_case() {
        assert_eq!(text_role(b"EM"), TextRole::Inline);
        assert_eq!(text_role(b"Template"), TextRole::NotProse);
        assert_eq!(text_role(b"p"), TextRole::Boundary);
        assert_eq!(text_role(b"blockquote-extra-long"), TextRole::Boundary);
    }
}
