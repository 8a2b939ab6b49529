//! Privacy and safety of what a build publishes (Thailand PDPA; teacher
//! content is untrusted):
//!
//! - [`sanitize`]: teacher Markdown → HTML without raw HTML or script URLs;
//! - [`mask`]: national IDs and phone numbers masked in every published text;
//! - [`withhold`]: manifest copies, `private:` blocks and private values
//!   copied by YAML aliases never leave the build;
//! - [`active`]: evidence files a browser would run (HTML, SVG, …) are
//!   published as downloads, never as pages on the site's origin.
//!
//! Location in media is removed in [`crate::assets`]. The policy is stated
//! in README.md ("Privacy") and the guide the site ships.

pub mod active;
pub mod mask;
pub mod sanitize;
pub mod withhold;
