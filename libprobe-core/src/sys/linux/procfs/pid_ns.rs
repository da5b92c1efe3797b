//! `/proc/<pid>/ns/*`: links whose target names the namespace and its inode.
//!
//! ```text
//! net:[4026531840]
//! pid_for_children:[4026531836]
//! ```

use crate::error::ParseError;
use crate::parse::u64_dec;

/// The namespace inode in a link target `type:[inode]`.
pub(crate) fn inode(target: &[u8]) -> Result<u64, ParseError> {
    let open = target.iter().position(|&b| b == b'[').ok_or(ParseError::missing("inode"))?;
    let rest = &target[open + 1..];
    let close = rest.iter().position(|&b| b == b']').ok_or(ParseError::missing("inode"))?;
    u64_dec(&rest[..close]).ok_or_else(|| ParseError::bad("inode", &rest[..close]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_inode() {
        assert_eq!(inode(b"net:[4026531840]"), Ok(4026531840));
        assert_eq!(inode(b"pid_for_children:[4026531836]"), Ok(4026531836));
        assert!(inode(b"net:4026531840").is_err());
        assert!(inode(b"net:[abc]").is_err());
    }

    #[test]
    fn one_field_corruption() {
        crate::parse::corrupt::single("u64", "4026531840", |b| {
            let v = crate::parse::trim(b);
            inode(&[&b"net:["[..], v, b"]"].concat())
        });
    }
}
