//! The backend of platforms libprobe does not support yet, compiled on Linux with
//! feature `force-unsupported` (`make test-unsupported`): every domain is skipped as
//! `not_supported` and nothing fails. In a normal build this checks the opposite: the
//! Linux backend collects the process domain.

use libprobe::{DomainName, DomainState, Options, Probe, Reason};

#[test]
fn every_domain_answers() {
    let snap = Probe::new(Options::default()).snapshot();
    if cfg!(feature = "force-unsupported") {
        for d in &snap.domains {
            assert_eq!(d.state, DomainState::Skipped, "{:?}", d.domain);
            assert!(matches!(d.reason, Some(Reason::NotSupported | Reason::Disabled)), "{d:?}");
        }
        assert_eq!(snap.processes.reason(), Some(Reason::NotSupported));
    } else {
        assert_eq!(snap.status(DomainName::Process).unwrap().state, DomainState::Collected);
        assert!(!snap.processes().is_empty());
    }
    // JSON is produced either way.
    assert!(snap.to_json().starts_with('{'));
}
