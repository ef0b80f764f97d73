//! One SigV4-signed POST of a JSON body, the answer on stdout: the least a program built on
//! reqwest + rustls + aws-sigv4 must do for one cognito-idp call.
//!
//! `cogtok-baseline URL REGION OPERATION JSON_BODY`, keys in `AWS_ACCESS_KEY_ID` and
//! `AWS_SECRET_ACCESS_KEY`. Exit 0 on a 2xx answer, 1 otherwise.

use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, region, operation, body] = &args[..] else {
        eprintln!("usage: cogtok-baseline URL REGION OPERATION JSON_BODY");
        std::process::exit(2);
    };
    let env = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
    let credentials = Credentials::new(
        env("AWS_ACCESS_KEY_ID"),
        env("AWS_SECRET_ACCESS_KEY"),
        None,
        None,
        "env",
    );

    // The same TLS set-up as cogtok: ring, the compiled-in webpki roots, nothing from /etc/ssl.
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = reqwest::Client::builder().use_preconfigured_tls(tls).build().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .unwrap();

    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let headers = [
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", target.as_str()),
    ];
    let identity = credentials.into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("cognito-idp")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        "POST",
        url,
        headers.iter().copied(),
        SignableBody::Bytes(body.as_bytes()),
    );
    let (instructions, _) = sign(signable.unwrap(), &params).unwrap().into_parts();

    let mut request = client.post(url).body(body.clone());
    for (k, v) in headers.iter().copied().chain(instructions.headers()) {
        request = request.header(k, v);
    }
    let (ok, answer) = runtime.block_on(async {
        let response = request.send().await.unwrap();
        let ok = response.status().is_success();
        (ok, response.bytes().await.unwrap())
    });
    std::io::stdout().write_all(&answer).unwrap();
    std::process::exit(if ok { 0 } else { 1 });
}
