// Package registry is the direct OCI registry-to-registry copy engine. It
// speaks the distribution API itself (go-containerregistry supplies names,
// auth challenges and token exchange) and is imagesync's embedded default.
//
// Invariants:
//   - a sync compares digests first: one manifest HEAD per side; an equal
//     digest at the target is a no-op success (Task.Skipped), a different
//     one is ErrConflict unless the request overrides;
//   - a copy is byte for byte: manifests are pushed as fetched, so the target
//     digest equals the source digest; it is checked after the push. The one
//     exception is platform filtering (WithPlatforms): an index is then
//     rewritten to the chosen manifests (and their attestations), its digest
//     differs, the task says so (ProviderStatus PLATFORMS_FILTERED), and the
//     target is compared against that filtered digest, which is the same
//     for the same source;
//   - blobs stream from source to target; each is hashed and counted on
//     the way and must match its descriptor; blobs and child manifests the
//     target already has are skipped (HEAD); within one registry blobs are
//     mounted; at most Jobs blobs stream at once, across every sync of the
//     engine, and a blob frees its slot as soon as its bytes are sent, so
//     the next streams while the target commits;
//   - every blob GET carries a bounded Range (bytes=a-b, never open-ended).
//     A blob of at least Ranges.Threshold whose first stream spends most of
//     its time waiting for the source (and gets under 64 MiB/s) is fetched
//     in up to Ranges.PerBlob ranges of Ranges.Chunk at once, against the
//     URL the registry redirected to, reassembled in order into the upload;
//     each range holds one of the same Jobs slots (taken only when free,
//     given back between chunks so a blob waiting for one gets it first)
//     and one of Ranges.Places chunk buffers, so at most 64 MiB (or one
//     blob's PerBlob × Chunk, when more) are buffered whatever the jobs. A
//     fast source (the target is the bound) stays one unbuffered stream. A
//     source that answers 200, a 206 with another Content-Range, or 416 is
//     read in one plain stream instead (those bytes unused); one whose 206
//     lacks Accept-Ranges: bytes gets no second range;
//   - a source stream that breaks is resumed from the last byte delivered
//     (the hash carries on, no byte is fetched twice; a plain source skips
//     to it), with the Retry policy's waits, until Attempts breaks in a row
//     make no progress; an upload that breaks (no answer, or 5xx) goes on
//     from the offset the target reports on a GET of the upload URL (its
//     Range), the source re-read from the hash state noted every MiB at or
//     before it, once; a target that reports nothing gets the blob again
//     in a new session;
//   - a blob or child manifest is written into a target repository by one
//     sync at a time: syncs wanting the same one there wait for it (tags of
//     one image, images sharing layers; docker-registry fails a manifest
//     pushed while another upload of its blob rewrites the blob's link), and
//     a manifest push answered MANIFEST_BLOB_UNKNOWN, which another process
//     uploading the same blob causes, is tried again up to three times;
//   - a manifest's media type is its Content-Type without parameters, or,
//     served as plain JSON, its own mediaType field or shape; a manifest
//     HEAD answered without Docker-Content-Digest, or refused (405, 501),
//     becomes a GET whose bytes are hashed;
//   - a manifest has at most jobs children and 2×jobs blobs under way at
//     once: a hostile one of many layers costs no goroutine per layer;
//   - Task.Bytes is the bytes of blobs uploaded whole: skipped and mounted
//     blobs and broken tries do not count. A dry run walks the source tree,
//     HEADs the target's manifests and blobs, writes nothing, and reports in
//     Task.Bytes the missing blobs' sizes (blobs a mount would then supply
//     included);
//   - one retry layer: the transport retries single requests (408, 429,
//     5xx, resets, cut small bodies), the blob reader resumes a broken
//     source stream, and the blob copier re-sends a blob whose upload broke
//     or whose bytes had another digest, all with the same Retry policy, which
//     honours Retry-After up to the longest wait (WithMaxWait, configured
//     as registry.maxWait; default DefaultMaxWait, 2m; 0: none) and never
//     sleeps past the context deadline; a longer ask, or one the deadline
//     would cut, fails at once as ErrThrottled with RetryAfter (from
//     Retry-After or ratelimit-reset) and says which bound it hit;
//   - pull quotas (Docker Hub): ratelimit-remaining is read from manifest
//     answers, HEADs included (they cost no pull), on both sides; when a
//     copy needs more manifest GETs than remain (its index, then one per
//     child manifest, then one per referrer and per manifest read at the
//     target for the referrers), the engine waits for the quota's reset if
//     the registry said when it comes (ratelimit-reset) and it comes within
//     the same longest wait and before the deadline; otherwise the copy is
//     refused as ErrThrottled, saying why, before the pulls are spent;
//   - referrers (WithReferrers) follow the copied digest transitively,
//     breadth first, down to four levels: what points at the digest, at
//     each child manifest of an index and at each referrer copied (the
//     API's listing by digest, the sha256-<hex> fallback tag and cosign's
//     .sig/.att/.sbom tags), each digest walked once; a target without the
//     API gets a fallback index; a platform-filtered index takes none;
//   - a copy running longer than the progress interval logs progress lines
//     (digest, bytes done and known so far, rate), and a progress hook in
//     the context (WithProgressHook) gets the same figures, e.g. for the CLI;
//   - DeleteTag (prune) deletes a manifest only when no other tag of its
//     repository points at the same digest;
//   - a target given as ACR or SWR coordinates that does not exist is
//     prepared (created) once by the configured Preparer, then copied to
//     again; plain targets never are;
//   - connections are dialled through the configured dialer (the address
//     guard refuses link-local and metadata addresses after resolution);
//     a host with TLS settings (WithHosts) gets a clone of the transport
//     with its own TLS configuration and the same dialer, and is held to
//     its mode's scheme (HTTPS verified or not, or plain HTTP); a failed
//     certificate check or a plain HTTP answer to HTTPS is an error that
//     names the host and the setting that fixes it; a host with an address
//     (HostTLS.Address) is connected to there, TLS verified against the
//     address, while names, scopes, logins and Host headers keep the host;
//     a host with request limits (HostTLS.RequestsPerSecond, a token
//     bucket of burst 1, and MaxConcurrent, places held until a response
//     body is read or closed) holds every request to it to them, each
//     retry's included, across every sync of the engine (hostlimit.go);
//   - one authenticated client per registry and scope set, shared by all
//     syncs and tag lists for ten minutes: tokens and connections are
//     reused; a tag list follows Link rel="next" pages on the same host;
//   - TagTimes tells when each tag was last pushed, for "latest N by push
//     order": a cloud's API where one serves the host (WithTagTimes: ECR's
//     DescribeImages imagePushedAt, SWR's ListRepositoryTags updated, ACR
//     EE's ListRepoTag ImageUpdate, each signed as for its login); the tag
//     lists of Artifact Registry and GCR (timeUploadedMs); the web APIs of
//     Docker Hub (tag_last_pushed, else last_updated; WithDockerHubAPI) and
//     quay.io (start_ts), anonymous, so public repositories only; Harbor's
//     /api/v2.0 artifacts (a tag's push_time, else its artifact's; with the
//     keychain's login); at most 50 pages of 100 from these three;
//     any other registry is ErrInvalid (order by semver instead);
//   - OCI image layouts (ToLayout, FromLayout; oci:PATH[:TAG]) are copied
//     to and from byte for byte with go-containerregistry's layout and
//     remote packages, over the engine's transport and keychain (remote's
//     own retries off), compared first like a sync; a layout takes one
//     writer at a time;
//   - ListRepositories (jobs' /** sources, push rules that catch up) asks
//     a cloud's API where one serves the host (WithRepositorySources), Docker
//     Hub's namespace API (public repositories) and Artifact Registry's
//     packages API, else the catalog: n=1000 a page (WithCatalogPageSize),
//     or the registry's own page size when it refuses that, every Link
//     page on the same host followed; Harbor's projects API when the catalog
//     is refused or empty; a Harbor project that fails is a Problem, not
//     a failure; all through the engine's login, retries and address guard;
//   - credentials are never logged; every error wraps a core kind.
package registry
