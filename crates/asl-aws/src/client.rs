//! The Step Functions client: the standard credential chain (environment, profile, SSO,
//! web identity, container and instance roles) through `aws-config`, with the profile,
//! region and endpoint a user names overriding it. `AWS_ENDPOINT_URL_SFN` and
//! `AWS_ENDPOINT_URL` are read by `aws-config` itself (service-specific first).

use crate::error::AwsError;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_sfn::Client;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};

/// Where and as whom to connect; every field unset means the SDK's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection {
    /// A profile of `~/.aws/config` (default: `AWS_PROFILE`, then `default`).
    pub profile: Option<String>,
    /// The region (default: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's).
    pub region: Option<String>,
    /// The endpoint (default: `AWS_ENDPOINT_URL_SFN`, `AWS_ENDPOINT_URL`, then AWS's).
    pub endpoint_url: Option<String>,
    /// Attempts per request, the SDK's retries of throttling and lost connections
    /// included (default: the SDK's, 3; 1 makes every failure visible at once).
    pub max_attempts: Option<u32>,
}

/// A connected Step Functions client and what it connects to.
#[derive(Clone, Debug)]
pub struct Sfn {
    pub(crate) client: Client,
    /// The region in use (None when nothing configured one: calls then fail saying so).
    pub region: Option<String>,
    /// The endpoint override in use, if any (from the flag or the environment).
    pub endpoint_url: Option<String>,
}

impl Sfn {
    /// Loads the configuration (profile files, environment, SSO cache) and builds a
    /// client. Does not call AWS: credentials are resolved on the first request.
    pub async fn connect(connection: &Connection) -> Result<Sfn, AwsError> {
        // rustls on ring: the SDK's default TLS provider (aws-lc) needs cmake and a long
        // C build, and nothing here needs its FIPS or post-quantum options.
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).http_client(http);
        if let Some(profile) = &connection.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &connection.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &connection.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        if let Some(n) = connection.max_attempts {
            loader =
                loader.retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(n.max(1)));
        }
        let shared = loader.load().await;
        let config = aws_sdk_sfn::config::Builder::from(&shared).build();
        Ok(Sfn {
            region: config.region().map(|r| r.to_string()),
            // For messages only: the SDK resolves the endpoint itself, from these and
            // from a profile's endpoint_url.
            endpoint_url: connection.endpoint_url.clone().or_else(|| {
                ["AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL"]
                    .iter()
                    .find_map(|v| std::env::var(v).ok().filter(|v| !v.is_empty()))
            }),
            client: Client::from_conf(config),
        })
    }

    /// The SDK client, for calls this crate does not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Where requests go, for messages: the endpoint override or AWS in the region.
    pub fn target(&self) -> String {
        match (&self.endpoint_url, &self.region) {
            (Some(url), _) => url.clone(),
            (None, Some(region)) => format!("AWS Step Functions in {region}"),
            (None, None) => "AWS Step Functions (no region configured)".into(),
        }
    }
}

/// A runtime for callers that are not async (the CLI): one thread, timers and sockets.
pub fn runtime() -> Result<tokio::runtime::Runtime, AwsError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| AwsError::Other(format!("cannot start the async runtime: {e}")))
}
