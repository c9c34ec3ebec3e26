// Generated from /openapi.json by `pnpm --filter @groundtruth/api generate:client`; do not edit.
// services/api/test/openapi.test.ts fails when it is out of date.
export interface paths {
    "/epcis/bizLocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bizLocations in the events visible to the caller, in code-point order
         * @description Paging: follow the `Link: <…>; rel="next"` header.
         */
        get: operations["epcisBizLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/bizLocations/{value}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events with this bizLocation (percent-encode it), as GET /events?EQ_bizLocation=… */
        get: operations["epcisBizLocationsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/bizSteps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bizSteps in the events visible to the caller, in code-point order
         * @description Paging: follow the `Link: <…>; rel="next"` header.
         */
        get: operations["epcisBizSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/bizSteps/{value}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events with this bizStep (percent-encode it), as GET /events?EQ_bizStep=… */
        get: operations["epcisBizStepsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an EPCISDocument: each event becomes a ledger entry
         * @description The document is validated against GS1's EPCIS 2.0 JSON Schema and CBV 2.0 vocabulary. With `GS1-Capture-Error-Behaviour: rollback` (the default) one bad event refuses the whole document (400, nothing stored); with `proceed` the good events are stored and the bad ones listed in the job. Events that state custody of Groundtruth lots (a harvest at a plot, shipping and receiving between owners, a transformation, a loss, an error declaration) are recorded as POST /v1/events records them, with its rules, in the same transaction: any refusal (409 for a consumption beyond a balance) stores nothing of the document (decision 0025).
         */
        post: operations["epcisCapture"];
        delete?: never;
        /** What the capture interface accepts: versions and limits */
        options: operations["epcisCaptureOptions"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/capture/{captureID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A capture job: whether it finished, succeeded, and what was wrong */
        get: operations["epcisCaptureJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/dispositions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dispositions in the events visible to the caller, in code-point order
         * @description Paging: follow the `Link: <…>; rel="next"` header.
         */
        get: operations["epcisDispositions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/dispositions/{value}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events with this disposition (percent-encode it), as GET /events?EQ_disposition=… */
        get: operations["epcisDispositionsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/epcs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The epcs in the events visible to the caller, in code-point order
         * @description Instance-level EPCs as captured (EPC URNs or GS1 Digital Link URIs). Paging: follow the `Link: <…>; rel="next"` header.
         */
        get: operations["epcisEpcs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/epcs/{value}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events with this epc (percent-encode it), as GET /events?MATCH_anyEPC=… */
        get: operations["epcisEpcsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * EPCIS events visible to the caller, filtered by SimpleEventQuery parameters
         * @description List parameters may repeat or separate values with "|". Paging: follow the `Link: <…>; rel="next"` header, or pass its `nextPageToken` with the same parameters.
         */
        get: operations["epcisEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/events/{eventID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One EPCIS event by its eventID or CBV 2.0 event hash ID */
        get: operations["epcisEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/eventTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The EPCIS event types this repository stores */
        get: operations["epcisEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/eventTypes/{eventType}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events of one type, as GET /events?eventType=… */
        get: operations["epcisEventTypesEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's organisation's named queries, by name
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["epcisQueries"];
        put?: never;
        /**
         * Create a named query: a view on the events the caller's organisation may see
         * @description The query takes the parameters of GET /events (but paging), checked the same way. The name is the organisation's own: other organisations may use it too. Recorded as a ledger entry.
         */
        post: operations["epcisCreateQuery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries/{queryName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A named query: its name and parameters */
        get: operations["epcisQuery"];
        put?: never;
        post?: never;
        /** Delete a named query and end every subscription to it */
        delete: operations["epcisDeleteQuery"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries/{queryName}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The named query's events, as GET /events with its parameters answers the caller
         * @description Paging: follow the `Link: <…>; rel="next"` header, or pass its `nextPageToken`. With `Upgrade: websocket` and `stream=true` the connection is a subscription: each event recorded from `initialRecordTime` on (default: now) that the query matches for the caller arrives as one EPCISQueryDocument message, in record order; the socket closes with 4404 when the query is deleted and 1008 when the token expires.
         */
        get: operations["epcisQueryEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries/{queryName}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The named query's live subscriptions (their secrets are never shown)
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["epcisSubscriptions"];
        put?: never;
        /**
         * Subscribe a webhook to a named query: each matching event recorded from now on is POSTed to it
         * @description Each POST carries one event in an EPCISQueryDocument, `GS1-Signature: sha256=<hex HMAC-SHA256 of the body under signatureToken>` and `Groundtruth-Delivery-ID` (the same on every retry of that event: deduplicate on it). At least once: any answer but 2xx is retried with exponential backoff, and after the last attempt the delivery is listed under deadLetters. `dest` must be https:// and reach a public address. Scheduled subscriptions are not offered: `stream` must be true.
         */
        post: operations["epcisSubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries/{queryName}/subscriptions/{subscriptionID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One subscription: where it delivers, when it last did, what is pending or dead */
        get: operations["epcisSubscription"];
        put?: never;
        post?: never;
        /** Unsubscribe: nothing more is delivered */
        delete: operations["epcisUnsubscribe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/queries/{queryName}/subscriptions/{subscriptionID}/deadLetters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deliveries given up after every retry, oldest first
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["epcisSubscriptionDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/readPoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The readPoints in the events visible to the caller, in code-point order
         * @description Paging: follow the `Link: <…>; rel="next"` header.
         */
        get: operations["epcisReadPoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/epcis/readPoints/{value}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events with this readPoint (percent-encode it), as GET /events?EQ_readPoint=… */
        get: operations["epcisReadPointsEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers within 1 s, every migration is applied, and the last self-audit of the log passed */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attestations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attestations about a plot or batch, with proofs and auditors’ statements */
        get: operations["listAttestations"];
        put?: never;
        /**
         * Record a signed attestation; the receipt proves it is in the ledger
         * @description A compact JWS (EdDSA or ES256, `kid` = the registered key’s RFC 7638 thumbprint) over an AttestationManifest. The receipt holds the entry index, leaf hash, signed checkpoint and inclusion proof: with the key and the media, everything needed to check the attestation without this server.
         */
        post: operations["recordAttestation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attestations/{id}/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An auditor’s signed statement about an attestation: confirmed on site, disputed, or fake */
        post: operations["recordAuditorStatement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attestations/{id}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an attestation (a new entry; the attestation stays, marked withdrawn) */
        post: operations["withdrawAttestation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attestations/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record up to 1,000 signed attestations at once; each gets its receipt or its refusal
         * @description Checked with one query per kind of fact (keys, subjects, media) for the whole batch; the accepted ones are appended together. A refused item does not hold back the others.
         */
        post: operations["recordAttestations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audits the caller stands in: its brand’s, those it audits, those with actions it owns */
        get: operations["listAudits"];
        put?: never;
        /**
         * Open an audit of a lot, a supplier or the brand’s chain over a period
         * @description By the brand’s compliance team. Logged as `audit.opened` (the title committed). A lot or supplier must be in the brand’s accepted chain.
         */
        post: operations["openAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit with its findings, corrective actions and conclusion */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign an audit to an auditing organisation, with read access to its scope until a time
         * @description By the opening brand’s compliance team, once. Logged as `audit.assigned`. The auditor may read the scope’s organisations (the supplier’s, the lot holder’s or the brand’s chain) until `accessUntil` or until it concludes the audit, whichever is first.
         */
        post: operations["assignAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}/conclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the audit with a conclusion signed by the auditor’s own registered key
         * @description The body is a compact JWS (EdDSA or ES256) of an `AuditConclusion` naming this audit and every finding recorded in it, by a registered, unrevoked key of the assigned auditor. The server verifies it first; the `audit.concluded` entry carries the JWS for anyone to re-verify offline. The auditor’s access ends at once, and nothing more is recorded in the audit.
         */
        post: operations["concludeAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}/corrective-actions/{actionId}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a corrective action done (its owner), or verify or reject it (the assigned auditor)
         * @description open → done and rejected → done by the owner; done → verified or rejected by the auditor. Logged as `audit.corrective_action_progressed`.
         */
        post: operations["progressCorrectiveAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a finding about an organisation, lot or plot in the audit’s scope
         * @description By the assigned auditor while its access lasts. Logged as `audit.finding_recorded`.
         */
        post: operations["recordAuditFinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/{auditId}/findings/{findingId}/corrective-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a corrective action on a finding: the organisation that must act, and by when
         * @description By the assigned auditor or the opening brand’s compliance team. Logged as `audit.corrective_action_set`.
         */
        post: operations["setCorrectiveAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audits/lot-statements/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A lot’s summary for the UK Modern Slavery Act and CSDDD reporting areas
         * @description Supply-chain mapping depth, share traced to plots, the audits covering the lot that the caller stands in (with verdicts), open findings and corrective actions; then each reporting area with its coverage (`supported`, `partial`, `not_covered`) and the basis, saying plainly what these records do not cover.
         */
        get: operations["lotStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find batches by lot code, product GTIN, holder, material or production time
         * @description Filters combine (AND). Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One batch */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/eudr/geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plots upstream of a lot as the EU Information System’s GeoJSON, in one call
         * @description RFC 7946 FeatureCollection, one Feature per plot upstream of the lot (id = plot id) with the properties the Information System reads (`ProducerName`, `ProducerCountry`, `ProductionPlace`, `Area` for Points). Coordinates are cut to six decimals as the Information System cuts them, and written with six; holes are left out (the Information System ignores them); exterior rings turn counterclockwise. A plot the cut would collapse is left out: the statement (`…/eudr/statement`) lists it with every other geometry check.
         */
        get: operations["eudrGeojson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/eudr/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The data of an EUDR due-diligence statement for a lot, mapped to the Information System’s V3 fields
         * @description Operator, activity, HS heading, description, net mass, countries of production, producers with their plots (base64 GeoJSON), upstream statements, and the risk assessment our records support. A lot blended with untraced or over-yield volume says so (`geolocation.complete: false`). Nothing is sent to the Information System. Field by field with sources: docs/eudr.md.
         */
        get: operations["eudrStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/eudr/upstream-statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the reference and verification numbers of the statement an incoming batch came with
         * @description A write for the batch’s holder (its users, the organisation that keeps its records, an admin). Logged as a `batch.upstream_statement` entry whose numbers are committed, not in clear; cited in the statements of every lot made from the batch (`groupedDeclarations`).
         */
        post: operations["recordUpstreamStatement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/forest-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest forest check of each plot upstream of a batch (null where never checked) */
        get: operations["getBatchForestChecks"];
        put?: never;
        /**
         * Check every plot upstream of a batch against the forest map; stores each result
         * @description Reads the configured forest map (JRC GFC2020 format) and, if configured, the tree-cover-loss layer over the plot, weighting every pixel by its ground area. Above the tolerance (a share or an area of forest or loss), or where the map does not cover the plot, the plot gets a DEFORESTATION_RISK finding (error for loss after 2020, warning otherwise), listed with the other findings and resolved like them. Each check is kept; the newest stands. 503 when no forest map is configured or it cannot be read. Plots upstream that the caller may not see are counted, not checked; plots too large for a check are listed in `tooLarge`.
         */
        post: operations["checkBatchForest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/mass-balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How much of a batch traces to what identified plots can grow, with the numbers */
        get: operations["batchMassBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/passport-credential": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The unsigned passport credential of the batch’s lot, for its organisation to sign
         * @description The lot’s passport as a W3C Verifiable Credential 2.0 in UN/CEFACT UNTP’s Digital Product Passport shape (0.6.0), drafted from the claim the product’s organisation published (the same facts as the passport page). The organisation signs it itself, as a JWS in compact serialisation with protected header `typ: vc+jwt`, `alg` of its key and `kid` = `did:web:…:organisations:{id}#{kid}` naming one of its registered keys (`gt keys`), and sends the JWS back; its private key never reaches the service. The credential is then served at `/passport/01/{gtin}/10/{lot}?format=vc` and linked as `gs1:dpp`; anyone verifies it with the key in `/organisations/{id}/did.json`.
         */
        get: operations["draftPassportCredential"];
        put?: never;
        /**
         * Issue the lot’s passport credential, signed by its organisation: a ledger entry
         * @description The lot’s passport as a W3C Verifiable Credential 2.0 in UN/CEFACT UNTP’s Digital Product Passport shape (0.6.0), drafted from the claim the product’s organisation published (the same facts as the passport page). The organisation signs it itself, as a JWS in compact serialisation with protected header `typ: vc+jwt`, `alg` of its key and `kid` = `did:web:…:organisations:{id}#{kid}` naming one of its registered keys (`gt keys`), and sends the JWS back; its private key never reaches the service. The credential is then served at `/passport/01/{gtin}/10/{lot}?format=vc` and linked as `gs1:dpp`; anyone verifies it with the key in `/organisations/{id}/did.json`.
         */
        post: operations["issuePassportCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/trace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The full upstream graph of a batch: events, batches and plots, with quantities and tiers */
        get: operations["traceBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disclosures/publications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish committed fields of one of your entries, or a computed claim about a batch in your chain (origin, traced share, supply chain, evidence, findings, as far as your passport policy allows): a ledger entry */
        post: operations["publishDisclosures"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a harvest, transfer, transformation or loss; its output batches are created with it. A consumption beyond what a batch holds is 409 */
        post: operations["recordTraceEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The receiver confirms a transfer with what arrived (once); the shortfall becomes a recorded loss on the received batch */
        post: operations["confirmTransferReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an event by a new entry naming it, with why (EPCIS errorDeclaration); 409 while events that consumed its outputs stand */
        post: operations["voidTraceEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a photo, video or 3D capture (raw bytes, with its own media type)
         * @description Streamed to the content-addressed store while its SHA-256 is computed. Send the raw bytes with the media's own Content-Type or application/octet-stream (accepted: application/octet-stream, image/jpeg, image/png, image/heic, image/heif, video/mp4, video/quicktime, model/gltf-binary, model/x-ply, application/x-ply, model/x-spz, model/x-splat, model/x-ksplat). The file is judged by its bytes (JPEG, PNG, HEIC, MP4, MOV, PLY, SPZ, GLB), not by the declared type: a declared type that differs is accepted and the answer’s `mediaType` is what the bytes are. `.splat` and `.ksplat` carry no magic number: name them with `?kind=` or their type (model/x-splat, model/x-ksplat). The same bytes uploaded twice are stored once (200 instead of 201).
         */
        post: operations["uploadEvidence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evidence/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a stored media file is, with its capture metadata */
        get: operations["getEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evidence/{sha256}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The media bytes */
        get: operations["getEvidenceContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current mass-balance findings the caller may see, most serious first
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One finding by its id, with every version of it (its thread across runs)
         * @description A finding’s id is derived from its rule, subject and period (a name-based UUIDv8), so it is the same in every recompute and incremental check, and a link to it stays valid. `current` is false when no run finds it any more; `versions` lists each run that found it, newest first, with its numbers and resolution; `resolutions` is every resolution of it, oldest first, each with the numbers it was given for. A resolution covers every version with those numbers (in any run, before or after a rebuild); changed numbers reopen the finding.
         */
        get: operations["getFinding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings/{id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a finding with a justification (a ledger entry; the finding stays)
         * @description Resolves the finding with the numbers it has now. Administrators, and compliance officers who see the organisation the finding is about without speaking for it (its own users and the organisation that keeps its records may not clear their own findings: 403). A finding already resolved for these numbers answers 409.
         */
        post: operations["resolveFinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk import of suppliers or plots (JSON `{ rows: [...] }` or text/csv with a header row), with a per-row report
         * @description Mode `all-or-nothing` (default) writes nothing when any row is rejected (422 with the report); `per-row` writes the accepted rows and reports the rest. A retry with the same `Idempotency-Key` returns the stored report and writes nothing.
         */
        post: operations["importRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{kind}/template.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public: the CSV header row of an import, with every documented column */
        get: operations["importTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations the caller’s organisation made, or those to it; newest last
         * @description An admin sees all. Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite a supplier’s first user: a single-use, expiring token, shown once
         * @description For a supplier the caller’s organisation keeps, or buys from along an accepted relationship (while the supplier has no user yet). The answer carries the token and a link once; only the token’s SHA-256 is stored. The invitation is an `invitation.created` entry without the token, name or e-mail.
         */
        post: operations["inviteSupplierUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/{id}/revocation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a pending invitation (its inviting organisation or an admin); the token dies at once */
        post: operations["revokeInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/redemption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem an invitation (no bearer token): creates the supplier’s user and returns its token
         * @description Single-use: of two redemptions of one token exactly one succeeds. An unknown token answers 404; a redeemed, revoked or expired one 410; neither writes anything.
         */
        post: operations["redeemInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The result of the last full audit of the stored log (admin, auditor) */
        get: operations["getLastLedgerAudit"];
        put?: never;
        /**
         * Full audit of the stored log now: every leaf hash, subtree and signed checkpoint (admin)
         * @description Answers 200 with ok=false and the first bad index when the stored log does not reproduce its own hashes or signed checkpoints; /ready then answers 503 until an audit passes.
         */
        post: operations["auditLedger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (C2SP tlog-checkpoint note) */
        get: operations["getLatestCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every checkpoint the log signed, oldest first */
        get: operations["listCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries with their exact leaf bytes; confidential fields appear only as digests */
        get: operations["listLedgerEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/entries/{index}/disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry’s bytes, the disclosures of its committed fields the caller may open (anyone: published ones; the owner, its partners and granted auditors: all), and an inclusion proof */
        get: operations["getEntryDisclosures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The verifier key of the log (C2SP signed-note vkey) */
        get: operations["getLogVerifierKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 9162 consistency proof between two tree sizes */
        get: operations["getConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 9162 inclusion proof of one entry in the tree of a given size */
        get: operations["getInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/tile/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** C2SP tlog-tiles: a hash tile or an entry bundle */
        get: operations["getTile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mass-balance/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run every mass-balance rule over all data; supersedes the current findings */
        post: operations["recomputeMassBalance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The onboarding queue: a brand’s suppliers by status, or a supplier’s invitations
         * @description A brand’s procurement or compliance team sees its brand’s workflows; a supplier sees its own (`?status=invited` lists the invitations it has not answered); an admin sees all. `status` takes one value or several, comma-separated. Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listOnboarding"];
        put?: never;
        /** A brand invites a supplier to onboard */
        post: operations["inviteSupplier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboarding/{brandId}/{supplierId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A supplier’s onboarding with a brand: status, history and evidence requirements */
        get: operations["getOnboarding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboarding/{brandId}/{supplierId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move onboarding on: the supplier submits; the brand reviews, approves, rejects or suspends */
        post: operations["transitionOnboarding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Organisations the caller may see (its chain and the suppliers it keeps), in name order
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listOrganisations"];
        put?: never;
        /** Register a brand, supplier or auditor (procurement teams register suppliers) */
        post: operations["registerOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{brandId}/auditor-grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let an auditing organisation read the chain that feeds this brand */
        post: operations["grantAuditor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{brandId}/auditor-grants/{auditorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an auditor’s access to a brand’s chain (a ledger entry) */
        delete: operations["revokeAuditor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{brandId}/evidence-requirements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What the brand requires of suppliers of a commodity (e.g. a reality snapshot of the site at procurement) */
        post: operations["setEvidenceRequirement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation */
        get: operations["getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an organisation’s name, country, role, identifiers or site (its own users, its keeper, an admin)
         * @description Each change is an `organisation.updated` entry holding the changed fields before and after. The kind and the keeper cannot be changed here. A PATCH that changes nothing writes nothing.
         */
        patch: operations["updateOrganisation"];
        trace?: never;
    };
    "/v1/organisations/{id}/accounting-periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mass-balance site's accounting periods, oldest first */
        get: operations["listAccountingPeriods"];
        put?: never;
        /**
         * Declare an accounting period of at most 3 months (a ledger entry)
         * @description Periods of one site may not overlap. Months are counted in UTC; the end is exclusive.
         */
        post: operations["declareAccountingPeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/accounting-periods/{periodId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an accounting period that has ended (a ledger entry); it takes no later postings */
        post: operations["closeAccountingPeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contact people of an organisation (personal data) */
        get: operations["listContacts"];
        put?: never;
        /** Add a contact person (personal data, kept off the ledger) */
        post: operations["addContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/contacts/{contactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Erase a contact’s personal data (right to erasure); the ledger keeps only the now-unlinkable commitment */
        delete: operations["eraseContact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/custody-model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a site's chain-of-custody model (ISO 22095), with a justification (a ledger entry)
         * @description identity_preserved and segregated sites may hold no untraced volume; a mass_balance site may, as far as its account of traced credit covers it. Applies from the next check on.
         */
        put: operations["setCustodyModel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signing keys an organisation has registered */
        get: operations["listSigningKeys"];
        put?: never;
        /**
         * Register a public key for signing attestations or auditors’ statements (a ledger entry)
         * @description The body is `{"jwk": <public JWK>}`: Ed25519 (`{"kty":"OKP","crv":"Ed25519","x":…}`) or P-256 (`{"kty":"EC","crv":"P-256","x":…,"y":…}`); a private key (with `d`) is refused. The key’s `kid` is its RFC 7638 thumbprint: sign with it in the JWS header. Suppliers (and the procurement teams mapping them) register their organisation’s keys; auditors register their own. `gt keys new` makes a pair and `gt keys register` sends it.
         */
        post: operations["registerSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/keys/{kid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key (a ledger entry): it can attest nothing after this */
        delete: operations["revokeSigningKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/manager": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change who keeps a supplier’s records (the supplier itself or an admin) */
        put: operations["setOrganisationManager"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/passport-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The passport policy in force for an organisation’s products (its own, or the default)
         * @description A claim published about a batch (`POST /v1/disclosures/publications`) carries only the facts the policy in force allows, so nothing else reaches the public passport, its JSON or the log’s published disclosures. A product’s own policy overrides its organisation’s; without either, the default applies (origin countries, traced share, supplier roles, evidence counts, findings in words). Claims already published keep what they said: publish a new one after changing the policy.
         */
        get: operations["getOrganisationPassportPolicy"];
        /**
         * Set what the passports of an organisation’s products may show: a ledger entry
         * @description A claim published about a batch (`POST /v1/disclosures/publications`) carries only the facts the policy in force allows, so nothing else reaches the public passport, its JSON or the log’s published disclosures. A product’s own policy overrides its organisation’s; without either, the default applies (origin countries, traced share, supplier roles, evidence counts, findings in words). Claims already published keep what they said: publish a new one after changing the policy.
         */
        put: operations["setOrganisationPassportPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/plots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plots of an organisation, in the order they were mapped
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listOrganisationPlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/relationship-proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open proposals where this organisation is a side, for those who speak for it */
        get: operations["listRelationshipProposals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/site-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A site's mass-balance account now: each posting with the credit after it, and the balance
         * @description Credit is the traced share of what the site received (its own harvests, transfers in); transfers out spend it, oldest credit first, and credit lapses after 12 months. Kept as mass balance whatever the site's custody model, so a segregated site sees what mass balance would allow it.
         */
        get: operations["siteAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organisations/{id}/supply-chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every organisation upstream of this one, with its tier */
        get: operations["getSupplyChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Map a production plot (GeoJSON Point ≤ 4 ha or Polygon, EUDR rules); its geodesic area is computed */
        post: operations["mapPlot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One plot: geometry, area and findings */
        get: operations["getPlot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plots/{id}/forest-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest forest check of a plot (404 if it was never checked) */
        get: operations["getPlotForestCheck"];
        put?: never;
        /**
         * Check a plot against the forest map of 31 Dec 2020 (and tree-cover loss since); stores the result
         * @description Reads the configured forest map (JRC GFC2020 format) and, if configured, the tree-cover-loss layer over the plot, weighting every pixel by its ground area. Above the tolerance (a share or an area of forest or loss), or where the map does not cover the plot, the plot gets a DEFORESTATION_RISK finding (error for loss after 2020, warning otherwise), listed with the other findings and resolved like them. Each check is kept; the newest stands. 503 when no forest map is configured or it cannot be read. Admins, compliance officers and auditors who may see the plot, and the plot's own organisation, run checks.
         */
        post: operations["checkPlotForest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products the caller may see, in GTIN order; look one up by its GTIN
         * @description Keyset-paged: while more rows follow, the answer carries `Link: <…>; rel="next"`; follow it (or pass its `nextPageToken` with the same filters) for the next page. Every page is filtered by what the caller may see.
         */
        get: operations["listProducts"];
        put?: never;
        /** Register a product by GTIN-8/12/13/14 (check digit validated, stored as GTIN-14) */
        post: operations["registerProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{gtin}/passport-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The passport policy in force for one product (its own, its organisation’s, or the default)
         * @description A claim published about a batch (`POST /v1/disclosures/publications`) carries only the facts the policy in force allows, so nothing else reaches the public passport, its JSON or the log’s published disclosures. A product’s own policy overrides its organisation’s; without either, the default applies (origin countries, traced share, supplier roles, evidence counts, findings in words). Claims already published keep what they said: publish a new one after changing the policy.
         */
        get: operations["getProductPassportPolicy"];
        /**
         * Set what one product’s passport may show, overriding its organisation’s policy: a ledger entry
         * @description A claim published about a batch (`POST /v1/disclosures/publications`) carries only the facts the policy in force allows, so nothing else reaches the public passport, its JSON or the log’s published disclosures. A product’s own policy overrides its organisation’s; without either, the default applies (origin countries, traced share, supplier roles, evidence counts, findings in words). Claims already published keep what they said: publish a new one after changing the policy.
         */
        put: operations["setProductPassportPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A QR code of the product’s GS1 Digital Link (and lot), to print on the pack
         * @description `{id}` is the product’s GTIN (8, 12, 13 or 14 digits). The code encodes the canonical Digital Link URI on this service’s resolver (`/01/{GTIN-14}[/10/{lot}]`), with error correction M and a 4-module quiet zone, as GS1 recommends for printed codes. `size` is the image width in pixels (a 20 mm code at 300 dpi is 236 px). The URI itself is in the `Content-Location` header.
         */
        get: operations["productQrCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The yields and conversion factors the rules use, with sources, overrides and version */
        get: operations["referenceData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reference/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Override a reference yield for a country or one plot, with a justification (a ledger entry; admins only)
         * @description Applies from the next check on, to everyone: the reference version of every later finding names the last override, and the finding carries the override entry it used. Because it changes every tenant’s findings, only administrators may record one.
         */
        post: operations["overrideReferenceYield"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/relationships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose that a buyer sources a commodity from a supplier (accepted at once when the caller acts for both sides)
         * @description The caller acts for one side: its own organisation or one whose records it keeps. The answer does not depend on whether the other side exists; only an accepted relationship extends visibility.
         */
        post: operations["declareRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/relationships/{id}/acceptance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The other side accepts a proposed relationship */
        post: operations["acceptRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/relationships/{id}/rejection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Either side turns a proposed relationship down (or the proposer withdraws it) */
        post: operations["rejectRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{scope}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An audit report pinned to a ledger checkpoint, as RFC 8785 canonical JSON
         * @description The source of every other format. Authorised like the trace: a lot for whoever may trace it, a supplier for whoever sees it, a chain for the brand’s users, auditors it granted and admins. Every figure is computed from ledger entries below the checkpoint’s tree size, so the same request at the same `treeSize` gives the same report.
         */
        get: operations["auditReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{scope}/{id}/csv/{table}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One table of the audit report as RFC 4180 CSV
         * @description A header line with the JSON table’s columns, then one line per JSON row. Authorised like the trace: a lot for whoever may trace it, a supplier for whoever sees it, a chain for the brand’s users, auditors it granted and admins. Every figure is computed from ledger entries below the checkpoint’s tree size, so the same request at the same `treeSize` gives the same report.
         */
        get: operations["auditReportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{scope}/{id}/geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The report’s plots as the EU Information System’s GeoJSON (as the EUDR export writes it)
         * @description One Feature per plot listed in the report, in its order. Authorised like the trace: a lot for whoever may trace it, a supplier for whoever sees it, a chain for the brand’s users, auditors it granted and admins. Every figure is computed from ledger entries below the checkpoint’s tree size, so the same request at the same `treeSize` gives the same report.
         */
        get: operations["auditReportGeojson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{scope}/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit report as a PDF, with the checkpoint and how to verify it printed on it
         * @description Drawn from the JSON: the same figures. Authorised like the trace: a lot for whoever may trace it, a supplier for whoever sees it, a chain for the brand’s users, auditors it granted and admins. Every figure is computed from ledger entries below the checkpoint’s tree size, so the same request at the same `treeSize` gives the same report.
         */
        get: operations["auditReportPdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{jti}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a per-user token (a ledger entry); it is refused at once */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a user (name and e-mail kept off the ledger) */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a bearer token for a user (admin, or the user for itself) */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Public: which attestations cover a file, by digest, with everything needed to check them
         * @description Answers with each attestation’s JWS, the signing key (JWK), the exact ledger entry bytes, an inclusion proof and the signed checkpoint it leads to, and the log’s public key; `gt verify-file` checks all of it locally. POST the file itself to /v1/verify/file instead of its digest.
         */
        post: operations["verifyEvidence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/verify/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Public: as /v1/verify, for the file itself (its media type or octet-stream; hashed, not stored) */
        post: operations["verifyEvidenceFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccountingPeriod: {
            /** @description once closed, postings recorded later and dated inside the period are findings */
            closed: {
                at: string;
                by: string;
                entryIndex: number;
            } | null;
            declaredBy: string;
            /** @description exclusive */
            end: string;
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            start: string;
        };
        AccountingPeriodInput: {
            /** @description once closed, postings recorded later and dated inside the period are findings */
            closed: {
                at: string;
                by: string;
                entryIndex: number;
            } | null;
            declaredBy: string;
            /** @description exclusive */
            end: string;
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organisationId: string;
            start: string;
        };
        AssignAuditInput: {
            /**
             * Format: date-time
             * @description when the auditor’s read access to the scope ends at the latest (in the future, within 366 days); concluding the audit ends it at once
             */
            accessUntil: string;
            /**
             * Format: uuid
             * @description an auditing organisation
             */
            auditorId: string;
        };
        AssignAuditInputInput: {
            /**
             * Format: date-time
             * @description when the auditor’s read access to the scope ends at the latest (in the future, within 366 days); concluding the audit ends it at once
             */
            accessUntil: string;
            /**
             * Format: uuid
             * @description an auditing organisation
             */
            auditorId: string;
        };
        AttestationBatchResults: {
            results: ({
                index: number;
                receipt: components["schemas"]["AttestationReceipt"];
                /** @constant */
                status: 201;
            } | {
                index: number;
                problem: components["schemas"]["Problem"];
                status: number;
            })[];
        };
        AttestationBatchResultsInput: {
            results: ({
                index: number;
                receipt: components["schemas"]["AttestationReceiptInput"];
                /** @constant */
                status: 201;
            } | {
                index: number;
                problem: components["schemas"]["ProblemInput"];
                status: number;
            })[];
        };
        AttestationEvidence: {
            /** Format: uuid */
            attestationId: string;
            entry: components["schemas"]["LoggedEntry"];
            /** @description evidence plausibility findings (EVIDENCE_FAR_FROM_PLOT, EVIDENCE_TIME_MISMATCH, EVIDENCE_REUSED, EVIDENCE_SPARSE_SPLAT), with their numbers; listed for callers who see the attesting organisation, not on the public verification endpoints. They never block an attestation. */
            findings?: {
                /**
                 * Format: uuid
                 * @description the finding, at /v1/findings/{id}
                 */
                id: string;
                message: string;
                numbers: {
                    [key: string]: unknown;
                };
                resolved: boolean;
                rule: string;
                /** @enum {string} */
                severity: "error" | "warning" | "info";
            }[];
            inclusionProof: {
                proof: string[];
                treeSize: number;
            };
            jwk: {
                [key: string]: unknown;
            };
            jws: string;
            keyRevoked: boolean;
            kid: string;
            manifest: components["schemas"]["AttestationManifest"];
            /** Format: uuid */
            organisationId: string;
            /** @description the attesting organisation’s registered name */
            organisationName: string;
            statements: {
                entryIndex: number;
                jws: string;
                kid: string;
                note: string;
                /** Format: uuid */
                organisationId: string;
                /** @description the auditing organisation’s registered name */
                organisationName: string;
                /** @enum {string} */
                verdict: "confirmed" | "disputed" | "fake";
            }[];
            subject: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "plot" | "batch";
            };
            withdrawn: {
                entryIndex: number;
                reason: string;
            } | null;
        };
        AttestationEvidenceInput: {
            /** Format: uuid */
            attestationId: string;
            entry: components["schemas"]["LoggedEntryInput"];
            /** @description evidence plausibility findings (EVIDENCE_FAR_FROM_PLOT, EVIDENCE_TIME_MISMATCH, EVIDENCE_REUSED, EVIDENCE_SPARSE_SPLAT), with their numbers; listed for callers who see the attesting organisation, not on the public verification endpoints. They never block an attestation. */
            findings?: {
                /**
                 * Format: uuid
                 * @description the finding, at /v1/findings/{id}
                 */
                id: string;
                message: string;
                numbers: {
                    [key: string]: unknown;
                };
                resolved: boolean;
                rule: string;
                /** @enum {string} */
                severity: "error" | "warning" | "info";
            }[];
            inclusionProof: {
                proof: string[];
                treeSize: number;
            };
            jwk: {
                [key: string]: unknown;
            };
            jws: string;
            keyRevoked: boolean;
            kid: string;
            manifest: components["schemas"]["AttestationManifestInput"];
            /** Format: uuid */
            organisationId: string;
            /** @description the attesting organisation’s registered name */
            organisationName: string;
            statements: {
                entryIndex: number;
                jws: string;
                kid: string;
                note: string;
                /** Format: uuid */
                organisationId: string;
                /** @description the auditing organisation’s registered name */
                organisationName: string;
                /** @enum {string} */
                verdict: "confirmed" | "disputed" | "fake";
            }[];
            subject: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "plot" | "batch";
            };
            withdrawn: {
                entryIndex: number;
                reason: string;
            } | null;
        };
        AttestationManifest: {
            /** Format: date-time */
            capturedAt: string;
            device: string;
            location: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            media: {
                /** @enum {string} */
                kind: "image" | "video" | "splat" | "gltf";
                sha256: string;
                size: number;
            }[];
            statement: string;
            subject: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "plot" | "batch";
            };
        };
        AttestationManifestInput: {
            /** Format: date-time */
            capturedAt: string;
            device: string;
            location: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            media: {
                /** @enum {string} */
                kind: "image" | "video" | "splat" | "gltf";
                sha256: string;
                size: number;
            }[];
            statement: string;
            subject: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "plot" | "batch";
            };
        };
        /** @description Everything needed to check the attestation offline (`gt verify-receipt`): the JWS and key, the entry bytes with the disclosure of its committed JWS, an inclusion proof and the signed checkpoint it leads to. Pin the log key rather than trust the one carried here. */
        AttestationReceipt: {
            /** Format: uuid */
            attestationId: string;
            /** @description the C2SP signed checkpoint that covers the entry */
            checkpoint: string;
            entry: components["schemas"]["LoggedEntry"];
            entryIndex: number;
            inclusionProof: {
                index: number;
                proof: string[];
                treeSize: number;
            };
            /** @description the signing key (public JWK); kid is its RFC 7638 thumbprint */
            jwk: {
                [key: string]: unknown;
            };
            /** @description the compact JWS as submitted */
            jws: string;
            kid: string;
            /** @description base64 RFC 9162 leaf hash of the ledger entry */
            leafHash: string;
            /** @description C2SP verifier key of the log that signed the checkpoint */
            logKey: string;
            manifest: components["schemas"]["AttestationManifest"];
        };
        /** @description Everything needed to check the attestation offline (`gt verify-receipt`): the JWS and key, the entry bytes with the disclosure of its committed JWS, an inclusion proof and the signed checkpoint it leads to. Pin the log key rather than trust the one carried here. */
        AttestationReceiptInput: {
            /** Format: uuid */
            attestationId: string;
            /** @description the C2SP signed checkpoint that covers the entry */
            checkpoint: string;
            entry: components["schemas"]["LoggedEntryInput"];
            entryIndex: number;
            inclusionProof: {
                index: number;
                proof: string[];
                treeSize: number;
            };
            /** @description the signing key (public JWK); kid is its RFC 7638 thumbprint */
            jwk: {
                [key: string]: unknown;
            };
            /** @description the compact JWS as submitted */
            jws: string;
            kid: string;
            /** @description base64 RFC 9162 leaf hash of the ledger entry */
            leafHash: string;
            /** @description C2SP verifier key of the log that signed the checkpoint */
            logKey: string;
            manifest: components["schemas"]["AttestationManifestInput"];
        };
        Audit: {
            accessUntil: string | null;
            assignedEntry: number | null;
            auditorId: string | null;
            /** Format: uuid */
            brandId: string;
            conclusion: {
                /** Format: date-time */
                concludedAt: string;
                entryIndex: number;
                /** @description re-verify offline with the auditor’s key (its `key.registered` entry) */
                jws: string;
                kid: string;
                summary: string;
                /** @enum {string} */
                verdict: "conforming" | "conforming_with_findings" | "nonconforming";
            } | null;
            /** @description all of them for the brand and the auditor; an action owner sees only findings with its own actions */
            findings: components["schemas"]["AuditFinding"][];
            /** Format: uuid */
            id: string;
            openedEntry: number;
            period: {
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                from: string;
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                to: string;
            };
            scope: {
                batchId: string | null;
                /** @enum {string} */
                kind: "lot" | "supplier" | "chain";
                /**
                 * Format: uuid
                 * @description whose chain the assigned auditor may read
                 */
                organisationId: string;
            };
            /** @enum {string} */
            status: "opened" | "assigned" | "concluded";
            title: string;
        };
        AuditAssignment: {
            /** Format: date-time */
            accessUntil: string;
            /** Format: uuid */
            auditId: string;
            /** Format: uuid */
            auditorId: string;
            entryIndex: number;
        };
        AuditAssignmentInput: {
            /** Format: date-time */
            accessUntil: string;
            /** Format: uuid */
            auditId: string;
            /** Format: uuid */
            auditorId: string;
            entryIndex: number;
        };
        AuditConclusion: {
            /** Format: uuid */
            audit: string;
            /** @description the ids of every finding recorded in the audit */
            findings: string[];
            summary: string;
            /** @enum {string} */
            verdict: "conforming" | "conforming_with_findings" | "nonconforming";
        };
        AuditConclusionInput: {
            /** Format: uuid */
            audit: string;
            /** @description the ids of every finding recorded in the audit */
            findings: string[];
            summary: string;
            /** @enum {string} */
            verdict: "conforming" | "conforming_with_findings" | "nonconforming";
        };
        AuditFinding: {
            concerns: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "organisation" | "batch" | "plot";
            };
            correctiveActions: components["schemas"]["CorrectiveAction"][];
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            recordedAt: string;
            /** @enum {string} */
            severity: "minor" | "major" | "critical";
            text: string;
        };
        AuditFindingInput: {
            concerns: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "organisation" | "batch" | "plot";
            };
            correctiveActions: components["schemas"]["CorrectiveActionInput"][];
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            recordedAt: string;
            /** @enum {string} */
            severity: "minor" | "major" | "critical";
            text: string;
        };
        AuditInput: {
            accessUntil: string | null;
            assignedEntry: number | null;
            auditorId: string | null;
            /** Format: uuid */
            brandId: string;
            conclusion: {
                /** Format: date-time */
                concludedAt: string;
                entryIndex: number;
                /** @description re-verify offline with the auditor’s key (its `key.registered` entry) */
                jws: string;
                kid: string;
                summary: string;
                /** @enum {string} */
                verdict: "conforming" | "conforming_with_findings" | "nonconforming";
            } | null;
            /** @description all of them for the brand and the auditor; an action owner sees only findings with its own actions */
            findings: components["schemas"]["AuditFindingInput"][];
            /** Format: uuid */
            id: string;
            openedEntry: number;
            period: {
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                from: string;
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                to: string;
            };
            scope: {
                batchId: string | null;
                /** @enum {string} */
                kind: "lot" | "supplier" | "chain";
                /**
                 * Format: uuid
                 * @description whose chain the assigned auditor may read
                 */
                organisationId: string;
            };
            /** @enum {string} */
            status: "opened" | "assigned" | "concluded";
            title: string;
        };
        AuditorGrant: {
            /** Format: uuid */
            auditorId: string;
            /** Format: uuid */
            brandId: string;
            entryIndex: number;
        };
        AuditorGrantInput: {
            /** Format: uuid */
            auditorId: string;
            /** Format: uuid */
            brandId: string;
            entryIndex: number;
        };
        AuditorStatement: {
            /** Format: uuid */
            attestationId: string;
            note: string;
            /** @enum {string} */
            verdict: "confirmed" | "disputed" | "fake";
            /** Format: date-time */
            visitedAt?: string;
        };
        AuditorStatementInput: {
            /** Format: uuid */
            attestationId: string;
            note: string;
            /** @enum {string} */
            verdict: "confirmed" | "disputed" | "fake";
            /** Format: date-time */
            visitedAt?: string;
        };
        /** @description An audit report; field by field in docs/reports.md */
        AuditReport: {
            checkpoint: {
                issuedAt: string;
                note: string;
                origin: string;
                rootHashBase64: string;
                rootHashHex: string;
                treeSize: number;
                verify: string[];
            };
            /** @constant */
            format: "groundtruth-audit-report/1";
            notes: string[];
            /** @enum {string} */
            scope: "lot" | "supplier" | "chain";
            subject: {
                /** Format: uuid */
                id: string;
                label: string;
                /** Format: uuid */
                rootOrganisationId: string;
            };
            summary: {
                [key: string]: unknown;
            };
            tables: {
                [key: string]: {
                    columns: string[];
                    rows: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        /** @description An audit report; field by field in docs/reports.md */
        AuditReportInput: {
            checkpoint: {
                issuedAt: string;
                note: string;
                origin: string;
                rootHashBase64: string;
                rootHashHex: string;
                treeSize: number;
                verify: string[];
            };
            /** @constant */
            format: "groundtruth-audit-report/1";
            notes: string[];
            /** @enum {string} */
            scope: "lot" | "supplier" | "chain";
            subject: {
                /** Format: uuid */
                id: string;
                label: string;
                /** Format: uuid */
                rootOrganisationId: string;
            };
            summary: {
                [key: string]: unknown;
            };
            tables: {
                [key: string]: {
                    columns: string[];
                    rows: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        /** @description what is audited: one lot (and what it was made from), one supplier and its upstream, or the brand’s chain */
        AuditScope: {
            /** Format: uuid */
            batchId: string;
            /** @constant */
            kind: "lot";
        } | {
            /** @constant */
            kind: "supplier";
            /** Format: uuid */
            organisationId: string;
        } | {
            /** @constant */
            kind: "chain";
        };
        /** @description what is audited: one lot (and what it was made from), one supplier and its upstream, or the brand’s chain */
        AuditScopeInput: {
            /** Format: uuid */
            batchId: string;
            /** @constant */
            kind: "lot";
        } | {
            /** @constant */
            kind: "supplier";
            /** Format: uuid */
            organisationId: string;
        } | {
            /** @constant */
            kind: "chain";
        };
        Batch: {
            balance: components["schemas"]["BatchBalance"];
            cocoaContent: string | null;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            description: string | null;
            entryIndex: number;
            /** @description when the producing event happened, as its recorder said */
            eventTime: string;
            /** Format: uuid */
            id: string;
            lot: string;
            material: string;
            /** Format: uuid */
            organisationId: string;
            /**
             * Format: uuid
             * @description the event that produced this batch
             */
            producedBy: string;
            productId: string | null;
            quantity: {
                grams: string | null;
                unit: string;
                value: string;
            };
            /** @description when the producing event was recorded: its ledger entry’s time, our clock */
            recordTime: string;
        };
        BatchBalance: {
            /** @description produced − consumed − lost; never negative for data written through the API */
            available: string;
            /** @description nothing left: the batch can no longer be consumed */
            closed: boolean;
            /** @description taken by transfers and transformations */
            consumed: string;
            /** @description recorded losses */
            lost: string;
            produced: string;
            /** @description GRM for batches with a mass, else the batch’s unit */
            unit: string;
            /** @description the event that produced it was voided */
            voided: boolean;
        };
        BatchBalanceInput: {
            /** @description produced − consumed − lost; never negative for data written through the API */
            available: string;
            /** @description nothing left: the batch can no longer be consumed */
            closed: boolean;
            /** @description taken by transfers and transformations */
            consumed: string;
            /** @description recorded losses */
            lost: string;
            produced: string;
            /** @description GRM for batches with a mass, else the batch’s unit */
            unit: string;
            /** @description the event that produced it was voided */
            voided: boolean;
        };
        BatchForestCheckRun: {
            /** Format: uuid */
            batchId: string;
            checks: components["schemas"]["ForestCheck"][];
            notVisible: number;
            tooLarge: {
                message: string;
                /** Format: uuid */
                plotId: string;
            }[];
        };
        BatchForestCheckRunInput: {
            /** Format: uuid */
            batchId: string;
            checks: components["schemas"]["ForestCheckInput"][];
            notVisible: number;
            tooLarge: {
                message: string;
                /** Format: uuid */
                plotId: string;
            }[];
        };
        BatchForestChecks: {
            /** Format: uuid */
            batchId: string;
            /** @description plots upstream the caller may not see */
            notVisible: number;
            plots: {
                check: components["schemas"]["ForestCheck"] | null;
                /** Format: uuid */
                plotId: string;
            }[];
        };
        BatchForestChecksInput: {
            /** Format: uuid */
            batchId: string;
            /** @description plots upstream the caller may not see */
            notVisible: number;
            plots: {
                check: components["schemas"]["ForestCheckInput"] | null;
                /** Format: uuid */
                plotId: string;
            }[];
        };
        BatchInput: {
            balance: components["schemas"]["BatchBalanceInput"];
            cocoaContent: string | null;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            description: string | null;
            entryIndex: number;
            /** @description when the producing event happened, as its recorder said */
            eventTime: string;
            /** Format: uuid */
            id: string;
            lot: string;
            material: string;
            /** Format: uuid */
            organisationId: string;
            /**
             * Format: uuid
             * @description the event that produced this batch
             */
            producedBy: string;
            productId: string | null;
            quantity: {
                grams: string | null;
                unit: string;
                value: string;
            };
            /** @description when the producing event was recorded: its ledger entry’s time, our clock */
            recordTime: string;
        };
        ConcludeAuditInput: {
            /** @description compact JWS of an AuditConclusion */
            jws: string;
        };
        ConcludeAuditInputInput: {
            /** @description compact JWS of an AuditConclusion */
            jws: string;
        };
        ConcludedAudit: {
            /** Format: uuid */
            auditId: string;
            entryIndex: number;
            /** @enum {string} */
            verdict: "conforming" | "conforming_with_findings" | "nonconforming";
        };
        ConcludedAuditInput: {
            /** Format: uuid */
            auditId: string;
            entryIndex: number;
            /** @enum {string} */
            verdict: "conforming" | "conforming_with_findings" | "nonconforming";
        };
        ConfirmedTransferReceipt: {
            /** Format: uuid */
            batchId: string;
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
            /** @description the loss event written for the shortfall, if any */
            lossEventId: string | null;
            lost: string;
            received: string;
            sent: string;
            /** @description GRM for batches with a mass, else the batch’s unit */
            unit: string;
        };
        ConfirmedTransferReceiptInput: {
            /** Format: uuid */
            batchId: string;
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
            /** @description the loss event written for the shortfall, if any */
            lossEventId: string | null;
            lost: string;
            received: string;
            sent: string;
            /** @description GRM for batches with a mass, else the batch’s unit */
            unit: string;
        };
        ConsistencyProof: {
            from: number;
            /** @description RFC 9162 §2.1.4 consistency proof */
            proof: string[];
            to: number;
        };
        ConsistencyProofInput: {
            from: number;
            /** @description RFC 9162 §2.1.4 consistency proof */
            proof: string[];
            to: number;
        };
        Contact: {
            /** @description the SD-JWT digest (base64url SHA-256 of the disclosure [salt, "contact", contact]) in the _sd array of the contact.added entry */
            commitment: string;
            email: string | null;
            entryIndex: number;
            erased: boolean;
            /** Format: uuid */
            id: string;
            name: string | null;
            /** Format: uuid */
            organisationId: string;
            phone: string | null;
            role: string | null;
        };
        ContactInput: {
            /** @description the SD-JWT digest (base64url SHA-256 of the disclosure [salt, "contact", contact]) in the _sd array of the contact.added entry */
            commitment: string;
            email: string | null;
            entryIndex: number;
            erased: boolean;
            /** Format: uuid */
            id: string;
            name: string | null;
            /** Format: uuid */
            organisationId: string;
            phone: string | null;
            role: string | null;
        };
        ContactList: {
            contacts: components["schemas"]["Contact"][];
        };
        ContactListInput: {
            contacts: components["schemas"]["ContactInput"][];
        };
        CorrectiveAction: {
            description: string;
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            dueDate: string;
            /** Format: uuid */
            findingId: string;
            /** Format: uuid */
            id: string;
            note: string | null;
            /** Format: uuid */
            ownerId: string;
            setEntry: number;
            /** @enum {string} */
            status: "open" | "done" | "verified" | "rejected";
            statusEntry: number;
        };
        CorrectiveActionInput: {
            description: string;
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            dueDate: string;
            /** Format: uuid */
            findingId: string;
            /** Format: uuid */
            id: string;
            note: string | null;
            /** Format: uuid */
            ownerId: string;
            setEntry: number;
            /** @enum {string} */
            status: "open" | "done" | "verified" | "rejected";
            statusEntry: number;
        };
        CorrectiveActionProgressInput: {
            note?: string;
            /**
             * @description done: by the owner; verified or rejected: by the assigned auditor, once done
             * @enum {string}
             */
            status: "done" | "verified" | "rejected";
        };
        CorrectiveActionProgressInputInput: {
            note?: string;
            /**
             * @description done: by the owner; verified or rejected: by the assigned auditor, once done
             * @enum {string}
             */
            status: "done" | "verified" | "rejected";
        };
        CreatedInvitation: {
            createdAt: string;
            /** @description null once redeemed or revoked (it moved to the user, or was erased) */
            displayName: string | null;
            email: string | null;
            /** @description index of the `invitation.created` entry */
            entryIndex: number;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description who invited: `user:<id>` or an operator name */
            invitedBy: string;
            inviterOrganisationId: string | null;
            /** @description where to redeem it: POST the token (from the fragment) as `{"token": …}` to this path */
            link: string;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            redeemedUserId: string | null;
            /** @enum {string} */
            status: "pending" | "redeemed" | "revoked" | "expired";
            /** @description the secret the invitee redeems; shown once, only its SHA-256 is kept */
            token: string;
        };
        CreatedInvitationInput: {
            createdAt: string;
            /** @description null once redeemed or revoked (it moved to the user, or was erased) */
            displayName: string | null;
            email: string | null;
            /** @description index of the `invitation.created` entry */
            entryIndex: number;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description who invited: `user:<id>` or an operator name */
            invitedBy: string;
            inviterOrganisationId: string | null;
            /** @description where to redeem it: POST the token (from the fragment) as `{"token": …}` to this path */
            link: string;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            redeemedUserId: string | null;
            /** @enum {string} */
            status: "pending" | "redeemed" | "revoked" | "expired";
            /** @description the secret the invitee redeems; shown once, only its SHA-256 is kept */
            token: string;
        };
        CustodyModel: {
            entryIndex: number;
            model: string;
            /** Format: uuid */
            organisationId: string;
        };
        CustodyModelInput: {
            entryIndex: number;
            model: string;
            /** Format: uuid */
            organisationId: string;
        };
        DueDiligenceStatement: {
            /** Format: uuid */
            batchId: string;
            countriesOfProduction: string[];
            geolocation: {
                checks: {
                    /** @enum {string} */
                    code: "DUPLICATE_VERTICES_AFTER_TRUNCATION" | "RING_COLLAPSED_AFTER_TRUNCATION" | "SELF_INTERSECTION_AFTER_TRUNCATION" | "HOLES_IGNORED" | "POINT_AREA_DEFAULTED" | "POINT_AREA_ABOVE_LIMIT" | "UNSUPPORTED_GEOMETRY";
                    detail: string;
                    numbers: {
                        [key: string]: number;
                    };
                    plotId: string;
                    pointer: string;
                    /** @enum {string} */
                    severity: "error" | "warning" | "info";
                }[];
                /** @description false when any of the lot is blended with untraced or over-yield volume, or plots are missing */
                complete: boolean;
                excludedPlotIds: string[];
                features: number;
                plots: number;
                statement: string;
                tracedShare: number;
                untracedKilograms: string;
                untracedShare: number;
                withheldPlots: number;
            };
            lot: string;
            netMass: {
                kilograms: string | null;
                quantity: {
                    unit: string;
                    value: string;
                };
            };
            notes: string[];
            operator: {
                country: string;
                eori: string | null;
                identifiers: {
                    [key: string]: string;
                };
                name: string;
                /** Format: uuid */
                organisationId: string;
            };
            productionPeriod: {
                from: string;
                to: string;
            } | null;
            riskAssessment: {
                /** @enum {string} */
                conclusion: "not_negligible" | "not_concluded";
                countries: {
                    country: string;
                    highRisk: boolean;
                }[];
                /** @description the newest forest check of each plot (POST /v1/plots/{id}/forest-check or /v1/batches/{id}/forest-check): never "no deforestation" unless every plot was checked, covered by the map and clear */
                deforestation: {
                    checked: number;
                    checks: {
                        checkedAt: string;
                        coveredShare: number;
                        dataset: {
                            name: string;
                            version: string;
                        };
                        findingId: string | null;
                        forestShare: number | null;
                        lostShare: number | null;
                        plotId: string;
                        /** @enum {string} */
                        verdict: "not_covered" | "partially_covered" | "forest_2020" | "loss_after_2020" | "no_forest_2020";
                    }[];
                    datasets: string[];
                    detail: string;
                    plots: number;
                    /** @enum {string} */
                    status: "not_assessed" | "risk" | "incomplete" | "no_deforestation_detected";
                    unchecked: number;
                    verdicts: {
                        forest_2020: number;
                        loss_after_2020: number;
                        no_forest_2020: number;
                        not_covered: number;
                        partially_covered: number;
                    };
                };
                findings: {
                    exposure: number | null;
                    id: string;
                    message: string;
                    rule: string;
                    /** @enum {string} */
                    severity: "error" | "warning" | "info";
                }[];
                reasons: string[];
            };
            /** @description the V3 API fields, one statement unless the geolocation needs several */
            statements: {
                activityType: ("IMPORT" | "EXPORT" | "DOMESTIC") | null;
                commodities: {
                    descriptionOfGoods: string;
                    hsHeading: string | null;
                    /** @description kilograms */
                    netWeight: string | null;
                    producers: {
                        country: string;
                        /** @description base64 of the producer’s plots as a FeatureCollection */
                        geometryGeojson: string;
                        name: string;
                        plotIds: string[];
                    }[];
                    speciesInfo: null;
                    supplementaryUnit: string | null;
                    supplementaryUnitQualifier: string | null;
                }[];
                geometryBytes: number;
                groupedDeclarations: {
                    referenceNumber: string;
                    verificationNumber: string;
                }[];
                /** @constant */
                operatorRole: "OPERATOR";
            }[];
            /** @description the ledger size the data was read at */
            treeSize: number;
            upstreamStatements: components["schemas"]["UpstreamStatement"][];
        };
        DueDiligenceStatementInput: {
            /** Format: uuid */
            batchId: string;
            countriesOfProduction: string[];
            geolocation: {
                checks: {
                    /** @enum {string} */
                    code: "DUPLICATE_VERTICES_AFTER_TRUNCATION" | "RING_COLLAPSED_AFTER_TRUNCATION" | "SELF_INTERSECTION_AFTER_TRUNCATION" | "HOLES_IGNORED" | "POINT_AREA_DEFAULTED" | "POINT_AREA_ABOVE_LIMIT" | "UNSUPPORTED_GEOMETRY";
                    detail: string;
                    numbers: {
                        [key: string]: number;
                    };
                    plotId: string;
                    pointer: string;
                    /** @enum {string} */
                    severity: "error" | "warning" | "info";
                }[];
                /** @description false when any of the lot is blended with untraced or over-yield volume, or plots are missing */
                complete: boolean;
                excludedPlotIds: string[];
                features: number;
                plots: number;
                statement: string;
                tracedShare: number;
                untracedKilograms: string;
                untracedShare: number;
                withheldPlots: number;
            };
            lot: string;
            netMass: {
                kilograms: string | null;
                quantity: {
                    unit: string;
                    value: string;
                };
            };
            notes: string[];
            operator: {
                country: string;
                eori: string | null;
                identifiers: {
                    [key: string]: string;
                };
                name: string;
                /** Format: uuid */
                organisationId: string;
            };
            productionPeriod: {
                from: string;
                to: string;
            } | null;
            riskAssessment: {
                /** @enum {string} */
                conclusion: "not_negligible" | "not_concluded";
                countries: {
                    country: string;
                    highRisk: boolean;
                }[];
                /** @description the newest forest check of each plot (POST /v1/plots/{id}/forest-check or /v1/batches/{id}/forest-check): never "no deforestation" unless every plot was checked, covered by the map and clear */
                deforestation: {
                    checked: number;
                    checks: {
                        checkedAt: string;
                        coveredShare: number;
                        dataset: {
                            name: string;
                            version: string;
                        };
                        findingId: string | null;
                        forestShare: number | null;
                        lostShare: number | null;
                        plotId: string;
                        /** @enum {string} */
                        verdict: "not_covered" | "partially_covered" | "forest_2020" | "loss_after_2020" | "no_forest_2020";
                    }[];
                    datasets: string[];
                    detail: string;
                    plots: number;
                    /** @enum {string} */
                    status: "not_assessed" | "risk" | "incomplete" | "no_deforestation_detected";
                    unchecked: number;
                    verdicts: {
                        forest_2020: number;
                        loss_after_2020: number;
                        no_forest_2020: number;
                        not_covered: number;
                        partially_covered: number;
                    };
                };
                findings: {
                    exposure: number | null;
                    id: string;
                    message: string;
                    rule: string;
                    /** @enum {string} */
                    severity: "error" | "warning" | "info";
                }[];
                reasons: string[];
            };
            /** @description the V3 API fields, one statement unless the geolocation needs several */
            statements: {
                activityType: ("IMPORT" | "EXPORT" | "DOMESTIC") | null;
                commodities: {
                    descriptionOfGoods: string;
                    hsHeading: string | null;
                    /** @description kilograms */
                    netWeight: string | null;
                    producers: {
                        country: string;
                        /** @description base64 of the producer’s plots as a FeatureCollection */
                        geometryGeojson: string;
                        name: string;
                        plotIds: string[];
                    }[];
                    speciesInfo: null;
                    supplementaryUnit: string | null;
                    supplementaryUnitQualifier: string | null;
                }[];
                geometryBytes: number;
                groupedDeclarations: {
                    referenceNumber: string;
                    verificationNumber: string;
                }[];
                /** @constant */
                operatorRole: "OPERATOR";
            }[];
            /** @description the ledger size the data was read at */
            treeSize: number;
            upstreamStatements: components["schemas"]["UpstreamStatementInput"][];
        };
        EntryDisclosures: {
            /** @description the C2SP signed checkpoint of treeSize */
            checkpoint: string;
            /** @description base64 of the exact leaf bytes */
            data: string;
            disclosures: {
                /** @description SD-JWT disclosure: base64url of the JSON [salt, name, value]; its SHA-256 is in an _sd array */
                disclosure: string;
                /** @description where the value sits in the entry body, dotted */
                path: string;
                /** @description the entry that made it public, if any */
                publishedBy: number | null;
            }[];
            inclusionProof: {
                /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
                leafHash: string;
                proof: string[];
                treeSize: number;
            };
            index: number;
            /** @description committed fields this caller may not open */
            undisclosed: number;
        };
        EntryDisclosuresInput: {
            /** @description the C2SP signed checkpoint of treeSize */
            checkpoint: string;
            /** @description base64 of the exact leaf bytes */
            data: string;
            disclosures: {
                /** @description SD-JWT disclosure: base64url of the JSON [salt, name, value]; its SHA-256 is in an _sd array */
                disclosure: string;
                /** @description where the value sits in the entry body, dotted */
                path: string;
                /** @description the entry that made it public, if any */
                publishedBy: number | null;
            }[];
            inclusionProof: {
                /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
                leafHash: string;
                proof: string[];
                treeSize: number;
            };
            index: number;
            /** @description committed fields this caller may not open */
            undisclosed: number;
        };
        EPCISCaptureJob: {
            /** @enum {string} */
            captureErrorBehaviour: "rollback" | "proceed";
            captureID: string;
            createdAt: string;
            errors: {
                detail: string;
                /** @description JSON Pointer into the captured document */
                pointer: string;
                status: number;
                title: string;
                type: string;
            }[];
            /** @description Groundtruth addition: each stored event with its CBV 2.0 event hash ID and ledger entry */
            events: {
                entryIndex: number;
                eventID: string;
                hashID: string;
            }[];
            finishedAt?: string;
            running: boolean;
            success: boolean;
        };
        EPCISCaptureJobInput: {
            /** @enum {string} */
            captureErrorBehaviour: "rollback" | "proceed";
            captureID: string;
            createdAt: string;
            errors: {
                detail: string;
                /** @description JSON Pointer into the captured document */
                pointer: string;
                status: number;
                title: string;
                type: string;
            }[];
            /** @description Groundtruth addition: each stored event with its CBV 2.0 event hash ID and ledger entry */
            events: {
                entryIndex: number;
                eventID: string;
                hashID: string;
            }[];
            finishedAt?: string;
            running: boolean;
            success: boolean;
        };
        EPCISCollection: {
            "@context": string;
            member: string[];
            /** @constant */
            type: "Collection";
        };
        EPCISCollectionInput: {
            "@context": string;
            member: string[];
            /** @constant */
            type: "Collection";
        };
        EPCISDeadLetter: {
            attempts: number;
            createdAt: string;
            deliveryID: string;
            eventID: string;
            failedAt: string;
            lastError: string;
            /** @description the subscriber's last HTTP status, if it answered */
            lastStatus?: number;
        };
        EPCISDeadLetterInput: {
            attempts: number;
            createdAt: string;
            deliveryID: string;
            eventID: string;
            failedAt: string;
            lastError: string;
            /** @description the subscriber's last HTTP status, if it answered */
            lastStatus?: number;
        };
        EPCISQueryDefinition: {
            createdAt: string;
            /** @description Groundtruth addition: the ledger entry that created the query */
            entryIndex: number;
            name: string;
            query: {
                [key: string]: unknown;
            };
        };
        EPCISQueryDefinitionInput: {
            createdAt: string;
            /** @description Groundtruth addition: the ledger entry that created the query */
            entryIndex: number;
            name: string;
            query: {
                [key: string]: unknown;
            };
        };
        EPCISQueryDocument: {
            "@context": unknown;
            creationDate: string;
            epcisBody: {
                queryResults: {
                    queryName: string;
                    resultsBody: {
                        eventList: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            schemaVersion: string;
            /** @constant */
            type: "EPCISQueryDocument";
        } & {
            [key: string]: unknown;
        };
        EPCISQueryDocumentInput: {
            "@context": unknown;
            creationDate: string;
            epcisBody: {
                queryResults: {
                    queryName: string;
                    resultsBody: {
                        eventList: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            schemaVersion: string;
            /** @constant */
            type: "EPCISQueryDocument";
        } & {
            [key: string]: unknown;
        };
        EPCISSubscription: {
            createdAt: string;
            /** @description Groundtruth addition: deliveries given up after every retry */
            deadLetters: number;
            dest: string;
            /** @description Groundtruth addition: the ledger entry that created it */
            entryIndex: number;
            initialRecordTime: string;
            lastNotifiedAt?: string;
            /** @description Groundtruth addition: deliveries not yet acknowledged */
            pendingDeliveries: number;
            queryName: string;
            /** @constant */
            stream: true;
            subscriptionID: string;
        };
        EPCISSubscriptionInput: {
            createdAt: string;
            /** @description Groundtruth addition: deliveries given up after every retry */
            deadLetters: number;
            dest: string;
            /** @description Groundtruth addition: the ledger entry that created it */
            entryIndex: number;
            initialRecordTime: string;
            lastNotifiedAt?: string;
            /** @description Groundtruth addition: deliveries not yet acknowledged */
            pendingDeliveries: number;
            queryName: string;
            /** @constant */
            stream: true;
            subscriptionID: string;
        };
        EudrFeatureCollection: {
            features: {
                /** @description WGS84 [lon, lat], every coordinate written with six decimals */
                geometry: {
                    coordinates: number[];
                    /** @constant */
                    type: "Point";
                } | {
                    coordinates: number[][][];
                    /** @constant */
                    type: "Polygon";
                } | {
                    coordinates: number[][][][];
                    /** @constant */
                    type: "MultiPolygon";
                };
                /**
                 * Format: uuid
                 * @description the plot’s id
                 */
                id: string;
                properties: {
                    /** @description Points only: the declared area in hectares */
                    Area?: number;
                    /** @description the plot’s country, ISO 3166-1 alpha-2 */
                    ProducerCountry: string;
                    /** @description the organisation that mapped the plot */
                    ProducerName: string;
                    /** @description the plot’s name, or its id when unnamed */
                    ProductionPlace: string;
                };
                /** @constant */
                type: "Feature";
            }[];
            /** @constant */
            type: "FeatureCollection";
        };
        EudrFeatureCollectionInput: {
            features: {
                /** @description WGS84 [lon, lat], every coordinate written with six decimals */
                geometry: {
                    coordinates: number[];
                    /** @constant */
                    type: "Point";
                } | {
                    coordinates: number[][][];
                    /** @constant */
                    type: "Polygon";
                } | {
                    coordinates: number[][][][];
                    /** @constant */
                    type: "MultiPolygon";
                };
                /**
                 * Format: uuid
                 * @description the plot’s id
                 */
                id: string;
                properties: {
                    /** @description Points only: the declared area in hectares */
                    Area?: number;
                    /** @description the plot’s country, ISO 3166-1 alpha-2 */
                    ProducerCountry: string;
                    /** @description the organisation that mapped the plot */
                    ProducerName: string;
                    /** @description the plot’s name, or its id when unnamed */
                    ProductionPlace: string;
                };
                /** @constant */
                type: "Feature";
            }[];
            /** @constant */
            type: "FeatureCollection";
        };
        EventVoid: {
            /** @description events recorded in its place (EPCIS correctiveEventIDs) */
            correctiveEventIds?: string[];
            /** @description why, in words, for the auditor */
            explanation: string;
            /**
             * @description CBV 2.0 error reason: the event did not happen, or was recorded wrongly
             * @enum {string}
             */
            reason: "did_not_occur" | "incorrect_data";
        };
        EventVoidInput: {
            /** @description events recorded in its place (EPCIS correctiveEventIDs) */
            correctiveEventIds?: string[];
            /** @description why, in words, for the auditor */
            explanation: string;
            /**
             * @description CBV 2.0 error reason: the event did not happen, or was recorded wrongly
             * @enum {string}
             */
            reason: "did_not_occur" | "incorrect_data";
        };
        EvidenceBlob: {
            format: string;
            /** @enum {string} */
            kind: "image" | "video" | "splat" | "gltf";
            mediaType: string;
            /** @description EXIF time and GPS of photos; point counts of splats */
            metadata: {
                [key: string]: unknown;
            };
            sha256: string;
            size: number;
        };
        EvidenceBlobInput: {
            format: string;
            /** @enum {string} */
            kind: "image" | "video" | "splat" | "gltf";
            mediaType: string;
            /** @description EXIF time and GPS of photos; point counts of splats */
            metadata: {
                [key: string]: unknown;
            };
            sha256: string;
            size: number;
        };
        EvidenceDigest: {
            sha256: string;
        };
        EvidenceDigestInput: {
            sha256: string;
        };
        EvidenceReport: {
            attestations: components["schemas"]["AttestationEvidence"][];
            /** @description the signed checkpoint every inclusion proof here leads to */
            checkpoint: string;
            /** @description C2SP verifier key of the log */
            logKey: string;
        };
        EvidenceReportInput: {
            attestations: components["schemas"]["AttestationEvidenceInput"][];
            /** @description the signed checkpoint every inclusion proof here leads to */
            checkpoint: string;
            /** @description C2SP verifier key of the log */
            logKey: string;
        };
        ForestCheck: {
            /** @description the plot’s area as the check measured it (WGS84 ellipsoid) */
            areaHectares: number;
            checkedAt: string;
            /** @enum {string} */
            coverage: "full" | "partial" | "none";
            /** @description share of the plot’s area where the forest map has data */
            coveredShare: number;
            dataset: {
                name: string;
                version: string;
            };
            /** @description the DEFORESTATION_RISK finding this check raised (see GET /v1/findings/{id}); null if none */
            finding: {
                /** Format: uuid */
                id: string;
                message: string;
                /** @enum {string} */
                severity: "error" | "warning";
            } | null;
            forestHectares: number;
            /** @description share of the covered area that was forest on 31 Dec 2020 (by ground area); null if none covered */
            forestShare: number | null;
            /**
             * @description `point-circle`: a Point plot, checked as a circle of its area around the point
             * @enum {string}
             */
            geometry: "polygon" | "point-circle";
            /** Format: uuid */
            id: string;
            /** @description null without a loss layer */
            loss: {
                /** @description hectares of 2020 forest lost, by year */
                byYear: {
                    [key: string]: number;
                };
                /** @description share of the covered area where the loss layer has data too */
                coveredShare: number;
                dataset: {
                    name: string;
                    version: string;
                };
                lostHectares: number;
                /** @description share of the covered area that was forest on 31 Dec 2020 and shows loss from 2021 on */
                lostShare: number | null;
            } | null;
            /** @description forest-map pixels with data that touch the plot */
            pixels: number;
            /** Format: uuid */
            plotId: string;
            requestedBy: string;
            tolerance: {
                hectares: number;
                share: number;
            };
            /** @description the ledger’s size when the check ran (the plot as it stood then) */
            treeSize: number;
            /**
             * @description `not_covered`: the map has no data over the plot, nothing can be said (never read it as "no deforestation"); `partially_covered`: nothing above the tolerance where the map has data, but part of the plot is outside it; `forest_2020`: forest on 31 Dec 2020 above the tolerance; `loss_after_2020`: forest on 31 Dec 2020 and tree-cover loss from 2021 on above the tolerance; `no_forest_2020`: the whole plot covered and forest below the tolerance
             * @enum {string}
             */
            verdict: "not_covered" | "partially_covered" | "forest_2020" | "loss_after_2020" | "no_forest_2020";
        };
        ForestCheckInput: {
            /** @description the plot’s area as the check measured it (WGS84 ellipsoid) */
            areaHectares: number;
            checkedAt: string;
            /** @enum {string} */
            coverage: "full" | "partial" | "none";
            /** @description share of the plot’s area where the forest map has data */
            coveredShare: number;
            dataset: {
                name: string;
                version: string;
            };
            /** @description the DEFORESTATION_RISK finding this check raised (see GET /v1/findings/{id}); null if none */
            finding: {
                /** Format: uuid */
                id: string;
                message: string;
                /** @enum {string} */
                severity: "error" | "warning";
            } | null;
            forestHectares: number;
            /** @description share of the covered area that was forest on 31 Dec 2020 (by ground area); null if none covered */
            forestShare: number | null;
            /**
             * @description `point-circle`: a Point plot, checked as a circle of its area around the point
             * @enum {string}
             */
            geometry: "polygon" | "point-circle";
            /** Format: uuid */
            id: string;
            /** @description null without a loss layer */
            loss: {
                /** @description hectares of 2020 forest lost, by year */
                byYear: {
                    [key: string]: number;
                };
                /** @description share of the covered area where the loss layer has data too */
                coveredShare: number;
                dataset: {
                    name: string;
                    version: string;
                };
                lostHectares: number;
                /** @description share of the covered area that was forest on 31 Dec 2020 and shows loss from 2021 on */
                lostShare: number | null;
            } | null;
            /** @description forest-map pixels with data that touch the plot */
            pixels: number;
            /** Format: uuid */
            plotId: string;
            requestedBy: string;
            tolerance: {
                hectares: number;
                share: number;
            };
            /** @description the ledger’s size when the check ran (the plot as it stood then) */
            treeSize: number;
            /**
             * @description `not_covered`: the map has no data over the plot, nothing can be said (never read it as "no deforestation"); `partially_covered`: nothing above the tolerance where the map has data, but part of the plot is outside it; `forest_2020`: forest on 31 Dec 2020 above the tolerance; `loss_after_2020`: forest on 31 Dec 2020 and tree-cover loss from 2021 on above the tolerance; `no_forest_2020`: the whole plot covered and forest below the tolerance
             * @enum {string}
             */
            verdict: "not_covered" | "partially_covered" | "forest_2020" | "loss_after_2020" | "no_forest_2020";
        };
        HealthStatus: {
            /** @constant */
            status: "ok";
        };
        HealthStatusInput: {
            /** @constant */
            status: "ok";
        };
        ImportReport: {
            accepted: number;
            /** @description how a CSV file was read */
            csv?: {
                /** @description numbers were written with a decimal comma (-5,51073) */
                decimalComma: boolean;
                /**
                 * @description detected from the header line
                 * @enum {string}
                 */
                delimiter: "," | ";" | "\t";
                /** @description unknown columns left out (unknownColumns=ignore) */
                ignoredColumns: string[];
            };
            /** @enum {string} */
            kind: "suppliers" | "plots";
            /** @enum {string} */
            mode: "all-or-nothing" | "per-row";
            rejected: number;
            rows: {
                errors?: {
                    detail: string;
                    in?: string;
                    pointer: string;
                }[];
                id?: string;
                /** @description 1-based data row (CSV: not counting the header) */
                row: number;
                /** @enum {string} */
                status: "accepted" | "rejected";
            }[];
        };
        ImportReportInput: {
            accepted: number;
            /** @description how a CSV file was read */
            csv?: {
                /** @description numbers were written with a decimal comma (-5,51073) */
                decimalComma: boolean;
                /**
                 * @description detected from the header line
                 * @enum {string}
                 */
                delimiter: "," | ";" | "\t";
                /** @description unknown columns left out (unknownColumns=ignore) */
                ignoredColumns: string[];
            };
            /** @enum {string} */
            kind: "suppliers" | "plots";
            /** @enum {string} */
            mode: "all-or-nothing" | "per-row";
            rejected: number;
            rows: {
                errors?: {
                    detail: string;
                    in?: string;
                    pointer: string;
                }[];
                id?: string;
                /** @description 1-based data row (CSV: not counting the header) */
                row: number;
                /** @enum {string} */
                status: "accepted" | "rejected";
            }[];
        };
        ImportRows: {
            /** @description plots: NewPlot objects; suppliers: SupplierImportRow objects */
            rows: (components["schemas"]["NewPlot"] | components["schemas"]["SupplierImportRow"])[];
        };
        ImportRowsInput: {
            /** @description plots: NewPlot objects; suppliers: SupplierImportRow objects */
            rows: (components["schemas"]["NewPlotInput"] | components["schemas"]["SupplierImportRowInput"])[];
        };
        InclusionProof: {
            index: number;
            /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
            leafHash: string;
            /** @description RFC 9162 §2.1.3 audit path, leaf end first */
            proof: string[];
            treeSize: number;
        };
        InclusionProofInput: {
            index: number;
            /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
            leafHash: string;
            /** @description RFC 9162 §2.1.3 audit path, leaf end first */
            proof: string[];
            treeSize: number;
        };
        IssuedPassportCredential: {
            claimEntryIndex: number;
            entryIndex: number;
            url: string;
        };
        IssuedPassportCredentialInput: {
            claimEntryIndex: number;
            entryIndex: number;
            url: string;
        };
        IssuedToken: {
            expiresAt: string;
            /** Format: uuid */
            jti: string;
            token: string;
        };
        IssuedTokenInput: {
            expiresAt: string;
            /** Format: uuid */
            jti: string;
            token: string;
        };
        LedgerAuditReport: {
            /** @description signed checkpoints whose signature and root were checked */
            checkpointsChecked: number;
            durationMs: number;
            failure?: {
                /** @description the first entry that can no longer be trusted */
                firstBadIndex: number;
                range: {
                    end: number;
                    start: number;
                };
                reason: string;
            };
            leavesChecked: number;
            leavesPerSecond: number;
            /** @description true when every leaf, subtree and signed checkpoint agrees with the entry bytes */
            ok: boolean;
            startedAt: string;
            subtreesChecked: number;
            /** @description size of the latest checkpoint when the audit began */
            treeSize: number;
        };
        LedgerAuditReportInput: {
            /** @description signed checkpoints whose signature and root were checked */
            checkpointsChecked: number;
            durationMs: number;
            failure?: {
                /** @description the first entry that can no longer be trusted */
                firstBadIndex: number;
                range: {
                    end: number;
                    start: number;
                };
                reason: string;
            };
            leavesChecked: number;
            leavesPerSecond: number;
            /** @description true when every leaf, subtree and signed checkpoint agrees with the entry bytes */
            ok: boolean;
            startedAt: string;
            subtreesChecked: number;
            /** @description size of the latest checkpoint when the audit began */
            treeSize: number;
        };
        LedgerCheckpoints: {
            checkpoints: {
                issuedAt: string;
                /** @description the C2SP signed checkpoint note, byte for byte */
                note: string;
                /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
                rootHash: string;
                treeSize: number;
            }[];
        };
        LedgerCheckpointsInput: {
            checkpoints: {
                issuedAt: string;
                /** @description the C2SP signed checkpoint note, byte for byte */
                note: string;
                /** @description base64 (RFC 4648 §4) of a 32-byte SHA-256 hash */
                rootHash: string;
                treeSize: number;
            }[];
        };
        LedgerEntries: {
            entries: {
                /** @description base64 of the exact leaf bytes */
                data: string;
                entry: components["schemas"]["LedgerEntry"];
                index: number;
            }[];
        };
        LedgerEntriesInput: {
            entries: {
                /** @description base64 of the exact leaf bytes */
                data: string;
                entry: components["schemas"]["LedgerEntryInput"];
                index: number;
            }[];
        };
        LedgerEntry: {
            actor: string;
            /** @description RFC 3339 UTC time the service accepted the entry */
            at: string;
            body: {
                [key: string]: unknown;
            };
            subject: string;
            type: string;
            version: number;
        };
        LedgerEntryInput: {
            actor: string;
            /** @description RFC 3339 UTC time the service accepted the entry */
            at: string;
            body: {
                [key: string]: unknown;
            };
            subject: string;
            type: string;
            version: number;
        };
        LoggedEntry: {
            /** @description base64 of the exact leaf bytes */
            data: string;
            /** @description SD-JWT disclosures (base64url JSON [salt, name, value]) whose digests are in the entry body */
            disclosures: string[];
            index: number;
        };
        LoggedEntryInput: {
            /** @description base64 of the exact leaf bytes */
            data: string;
            /** @description SD-JWT disclosures (base64url JSON [salt, name, value]) whose digests are in the entry body */
            disclosures: string[];
            index: number;
        };
        LotStatement: {
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            asOf: string;
            audits: {
                auditorId: string | null;
                concludedEntry: number | null;
                /** Format: uuid */
                id: string;
                period: {
                    /**
                     * Format: date
                     * @description a calendar date, YYYY-MM-DD
                     */
                    from: string;
                    /**
                     * Format: date
                     * @description a calendar date, YYYY-MM-DD
                     */
                    to: string;
                };
                /** @enum {string} */
                scopeKind: "lot" | "supplier" | "chain";
                /** @enum {string} */
                status: "opened" | "assigned" | "concluded";
                verdict: ("conforming" | "conforming_with_findings" | "nonconforming") | null;
            }[];
            /** Format: uuid */
            batchId: string;
            commodity: string;
            correctiveActions: {
                done: number;
                open: number;
                /** @description not verified and past their due date on `asOf` */
                overdue: number;
                rejected: number;
                verified: number;
            };
            findings: {
                bySeverity: {
                    critical: number;
                    major: number;
                    minor: number;
                };
                /** @description findings with a corrective action not verified, or with none */
                open: number;
            };
            /** Format: uuid */
            holderId: string;
            lot: string;
            reportingAreas: {
                area: string;
                /** @description what in our records supports it, or why they do not */
                basis: string;
                /** @enum {string} */
                coverage: "supported" | "partial" | "not_covered";
                /** @enum {string} */
                regime: "UK Modern Slavery Act s.54" | "CSDDD";
            }[];
            supplyChainMapping: {
                /** @description 0: only the holder is known */
                deepestTier: number;
                organisations: number;
                organisationsByTier: {
                    organisations: number;
                    tier: number;
                }[];
                plots: number;
            };
            traceability: {
                tracedShare: number;
                untracedShare: number;
            };
            /** @description the log size the traced shares were computed at */
            treeSize: number;
        };
        LotStatementInput: {
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            asOf: string;
            audits: {
                auditorId: string | null;
                concludedEntry: number | null;
                /** Format: uuid */
                id: string;
                period: {
                    /**
                     * Format: date
                     * @description a calendar date, YYYY-MM-DD
                     */
                    from: string;
                    /**
                     * Format: date
                     * @description a calendar date, YYYY-MM-DD
                     */
                    to: string;
                };
                /** @enum {string} */
                scopeKind: "lot" | "supplier" | "chain";
                /** @enum {string} */
                status: "opened" | "assigned" | "concluded";
                verdict: ("conforming" | "conforming_with_findings" | "nonconforming") | null;
            }[];
            /** Format: uuid */
            batchId: string;
            commodity: string;
            correctiveActions: {
                done: number;
                open: number;
                /** @description not verified and past their due date on `asOf` */
                overdue: number;
                rejected: number;
                verified: number;
            };
            findings: {
                bySeverity: {
                    critical: number;
                    major: number;
                    minor: number;
                };
                /** @description findings with a corrective action not verified, or with none */
                open: number;
            };
            /** Format: uuid */
            holderId: string;
            lot: string;
            reportingAreas: {
                area: string;
                /** @description what in our records supports it, or why they do not */
                basis: string;
                /** @enum {string} */
                coverage: "supported" | "partial" | "not_covered";
                /** @enum {string} */
                regime: "UK Modern Slavery Act s.54" | "CSDDD";
            }[];
            supplyChainMapping: {
                /** @description 0: only the holder is known */
                deepestTier: number;
                organisations: number;
                organisationsByTier: {
                    organisations: number;
                    tier: number;
                }[];
                plots: number;
            };
            traceability: {
                tracedShare: number;
                untracedShare: number;
            };
            /** @description the log size the traced shares were computed at */
            treeSize: number;
        };
        MassBalanceBreakdown: {
            baseEquivalentGrams: string | null;
            /** Format: uuid */
            batchId: string;
            conversions: {
                balanced: boolean;
                /** Format: uuid */
                eventId: string;
                inputEquivalentGrams: string;
                kind: string;
                outputEquivalentGrams: string;
            }[];
            cyclic: boolean;
            grams: string;
            material: string;
            plots: {
                harvestedGrams: string;
                period: string;
                plausibleCapacityGrams: string;
                /** Format: uuid */
                plotId: string;
                rule: string | null;
                tracedFraction: number;
            }[];
            referenceVersion: string;
            tracedShare: number;
            treeSize: number;
            /** @description records upstream (or this batch itself) whose mass is beyond what any real lot weighs: left out of the balance, each an UNEVALUABLE_RECORD finding. This batch among them: nothing of it counts as traced. */
            unevaluable: {
                /** @description the mass as recorded */
                grams: string;
                message: string;
                subject: {
                    /** Format: uuid */
                    id: string;
                    /** @enum {string} */
                    kind: "batch" | "event";
                };
            }[];
            untracedGrams: string;
            untracedShare: number;
        };
        MassBalanceBreakdownInput: {
            baseEquivalentGrams: string | null;
            /** Format: uuid */
            batchId: string;
            conversions: {
                balanced: boolean;
                /** Format: uuid */
                eventId: string;
                inputEquivalentGrams: string;
                kind: string;
                outputEquivalentGrams: string;
            }[];
            cyclic: boolean;
            grams: string;
            material: string;
            plots: {
                harvestedGrams: string;
                period: string;
                plausibleCapacityGrams: string;
                /** Format: uuid */
                plotId: string;
                rule: string | null;
                tracedFraction: number;
            }[];
            referenceVersion: string;
            tracedShare: number;
            treeSize: number;
            /** @description records upstream (or this batch itself) whose mass is beyond what any real lot weighs: left out of the balance, each an UNEVALUABLE_RECORD finding. This batch among them: nothing of it counts as traced. */
            unevaluable: {
                /** @description the mass as recorded */
                grams: string;
                message: string;
                subject: {
                    /** Format: uuid */
                    id: string;
                    /** @enum {string} */
                    kind: "batch" | "event";
                };
            }[];
            untracedGrams: string;
            untracedShare: number;
        };
        MassBalanceFinding: {
            computedAt: string;
            /** @description with batchId: the share of that batch the finding touches */
            exposure?: number;
            /** Format: uuid */
            id: string;
            message: string;
            numbers: {
                [key: string]: unknown;
            };
            organisationId: string | null;
            period: string | null;
            /** @description when the finding is open: its latest resolution, given for other numbers. The finding was resolved and came back changed (a new harvest, a correction, another reference yield): it needs resolving again. */
            previousResolution: components["schemas"]["MassBalanceFindingResolution"] | null;
            referenceVersion: string;
            /** @description the resolution given for these numbers, if any */
            resolution: components["schemas"]["MassBalanceFindingResolution"] | null;
            rule: string;
            /** @enum {string} */
            severity: "error" | "warning" | "info";
            subject: {
                id: string;
                kind: string;
            };
            treeSize: number;
        };
        MassBalanceFindingInput: {
            computedAt: string;
            /** @description with batchId: the share of that batch the finding touches */
            exposure?: number;
            /** Format: uuid */
            id: string;
            message: string;
            numbers: {
                [key: string]: unknown;
            };
            organisationId: string | null;
            period: string | null;
            /** @description when the finding is open: its latest resolution, given for other numbers. The finding was resolved and came back changed (a new harvest, a correction, another reference yield): it needs resolving again. */
            previousResolution: components["schemas"]["MassBalanceFindingResolutionInput"] | null;
            referenceVersion: string;
            /** @description the resolution given for these numbers, if any */
            resolution: components["schemas"]["MassBalanceFindingResolutionInput"] | null;
            rule: string;
            /** @enum {string} */
            severity: "error" | "warning" | "info";
            subject: {
                id: string;
                kind: string;
            };
            treeSize: number;
        };
        MassBalanceFindingResolution: {
            at: string;
            by: string;
            entryIndex: number;
            justification: string;
            /** @description the organisation the resolution was given for: it closes the finding for that organisation alone; null: given by an administrator, for everyone */
            resolvedFor: string | null;
        };
        MassBalanceFindingResolutionInput: {
            at: string;
            by: string;
            entryIndex: number;
            justification: string;
            /** @description the organisation the resolution was given for: it closes the finding for that organisation alone; null: given by an administrator, for everyone */
            resolvedFor: string | null;
        };
        MassBalanceFindingThread: {
            current: boolean;
            finding: components["schemas"]["MassBalanceFinding"];
            /** @description the resolutions the caller may read: those given for its own organisation, for organisations whose records it may read, and by administrators (administrators read all) */
            resolutions: {
                at: string;
                by: string;
                entryIndex: number;
                justification: string;
                numbers: {
                    [key: string]: unknown;
                };
                /** @description the organisation the resolution was given for: it closes the finding for that organisation alone; null: given by an administrator, for everyone */
                resolvedFor: string | null;
                /** @description the log size of the finding version it resolved */
                treeSize: number;
            }[];
            versions: {
                computedAt: string;
                numbers: {
                    [key: string]: unknown;
                };
                referenceVersion: string;
                resolution: components["schemas"]["MassBalanceFindingResolution"] | null;
                supersededAt: string | null;
                treeSize: number;
            }[];
        };
        MassBalanceFindingThreadInput: {
            current: boolean;
            finding: components["schemas"]["MassBalanceFindingInput"];
            /** @description the resolutions the caller may read: those given for its own organisation, for organisations whose records it may read, and by administrators (administrators read all) */
            resolutions: {
                at: string;
                by: string;
                entryIndex: number;
                justification: string;
                numbers: {
                    [key: string]: unknown;
                };
                /** @description the organisation the resolution was given for: it closes the finding for that organisation alone; null: given by an administrator, for everyone */
                resolvedFor: string | null;
                /** @description the log size of the finding version it resolved */
                treeSize: number;
            }[];
            versions: {
                computedAt: string;
                numbers: {
                    [key: string]: unknown;
                };
                referenceVersion: string;
                resolution: components["schemas"]["MassBalanceFindingResolutionInput"] | null;
                supersededAt: string | null;
                treeSize: number;
            }[];
        };
        MassBalanceRun: {
            durationMs: number;
            findings: {
                [key: string]: number;
            };
            /** @enum {string} */
            kind: "recompute" | "incremental";
            referenceVersion: string;
            /** Format: uuid */
            runId: string;
            treeSize: number;
        };
        MassBalanceRunInput: {
            durationMs: number;
            findings: {
                [key: string]: number;
            };
            /** @enum {string} */
            kind: "recompute" | "incremental";
            referenceVersion: string;
            /** Format: uuid */
            runId: string;
            treeSize: number;
        };
        NewAccountingPeriod: {
            /** Format: date-time */
            end: string;
            /** Format: date-time */
            start: string;
        };
        NewAccountingPeriodInput: {
            /** Format: date-time */
            end: string;
            /** Format: date-time */
            start: string;
        };
        NewAttestationWithdrawal: {
            reason: string;
        };
        NewAttestationWithdrawalInput: {
            reason: string;
        };
        NewAuditFinding: {
            /** @description the object the finding is about, in the audit’s scope */
            concerns: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "organisation" | "batch" | "plot";
            };
            /** @enum {string} */
            severity: "minor" | "major" | "critical";
            text: string;
        };
        NewAuditFindingInput: {
            /** @description the object the finding is about, in the audit’s scope */
            concerns: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "organisation" | "batch" | "plot";
            };
            /** @enum {string} */
            severity: "minor" | "major" | "critical";
            text: string;
        };
        NewAuditorGrant: {
            /** Format: uuid */
            auditorId: string;
        };
        NewAuditorGrantInput: {
            /** Format: uuid */
            auditorId: string;
        };
        NewContact: {
            /** Format: email */
            email?: string;
            name: string;
            phone?: string;
            role?: string;
        };
        NewContactInput: {
            /** Format: email */
            email?: string;
            name: string;
            phone?: string;
            role?: string;
        };
        NewCorrectiveAction: {
            description: string;
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            dueDate: string;
            /**
             * Format: uuid
             * @description the organisation that must act, in the audit’s scope
             */
            ownerId: string;
        };
        NewCorrectiveActionInput: {
            description: string;
            /**
             * Format: date
             * @description a calendar date, YYYY-MM-DD
             */
            dueDate: string;
            /**
             * Format: uuid
             * @description the organisation that must act, in the audit’s scope
             */
            ownerId: string;
        };
        NewCustodyModel: {
            /** @description e.g. the certificate that states the model */
            justification: string;
            /** @enum {string} */
            model: "identity_preserved" | "segregated" | "mass_balance";
        };
        NewCustodyModelInput: {
            /** @description e.g. the certificate that states the model */
            justification: string;
            /** @enum {string} */
            model: "identity_preserved" | "segregated" | "mass_balance";
        };
        NewEPCISQuery: {
            name: string;
            query: {
                EQ_action?: string[];
                EQ_bizLocation?: string[];
                EQ_bizStep?: string[];
                EQ_disposition?: string[];
                EQ_eventID?: string[];
                EQ_readPoint?: string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string[];
                /** Format: date-time */
                GE_eventTime?: string;
                /** Format: date-time */
                GE_recordTime?: string;
                /** Format: date-time */
                LT_eventTime?: string;
                /** Format: date-time */
                LT_recordTime?: string;
                MATCH_anyEPC?: string[];
                MATCH_anyEPCClass?: string[];
                MATCH_epc?: string[];
                MATCH_epcClass?: string[];
                MATCH_inputEPC?: string[];
                MATCH_inputEPCClass?: string[];
                MATCH_outputEPC?: string[];
                MATCH_outputEPCClass?: string[];
                MATCH_parentID?: string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                /** @enum {string} */
                orderBy?: "eventTime" | "recordTime";
                /** @enum {string} */
                orderDirection?: "ASC" | "DESC";
            };
        };
        NewEPCISQueryInput: {
            name: string;
            query: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                /** Format: date-time */
                GE_eventTime?: string;
                /** Format: date-time */
                GE_recordTime?: string;
                /** Format: date-time */
                LT_eventTime?: string;
                /** Format: date-time */
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                /** @enum {string} */
                orderBy?: "eventTime" | "recordTime";
                /** @enum {string} */
                orderDirection?: "ASC" | "DESC";
            };
        };
        NewEPCISSubscription: {
            /**
             * Format: uri
             * @description HTTPS URL the repository POSTs matching events to
             */
            dest: string;
            /**
             * Format: date-time
             * @description events recorded from this time on (default: now)
             */
            initialRecordTime?: string;
            /** @description secret the subscriber chose: each POST carries GS1-Signature: sha256=<hex HMAC-SHA256 of the body> */
            signatureToken: string;
            /**
             * @description notified as matching events are recorded (schedules are not offered)
             * @constant
             */
            stream: true;
        };
        NewEPCISSubscriptionInput: {
            /**
             * Format: uri
             * @description HTTPS URL the repository POSTs matching events to
             */
            dest: string;
            /**
             * Format: date-time
             * @description events recorded from this time on (default: now)
             */
            initialRecordTime?: string;
            /** @description secret the subscriber chose: each POST carries GS1-Signature: sha256=<hex HMAC-SHA256 of the body> */
            signatureToken: string;
            /**
             * @description notified as matching events are recorded (schedules are not offered)
             * @constant
             */
            stream: true;
        };
        NewEvidenceRequirement: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            description: string;
            key: string;
            /** @enum {string} */
            stage: "onboarding" | "procurement" | "annual";
        };
        NewEvidenceRequirementInput: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            description: string;
            key: string;
            /** @enum {string} */
            stage: "onboarding" | "procurement" | "annual";
        };
        NewFindingResolution: {
            justification: string;
        };
        NewFindingResolutionInput: {
            justification: string;
        };
        NewInvitation: {
            /** Format: uuid */
            brandId: string;
            /** Format: uuid */
            supplierId: string;
        };
        NewInvitationInput: {
            /** Format: uuid */
            brandId: string;
            /** Format: uuid */
            supplierId: string;
        };
        NewManager: {
            /** @description the new keeper of the records, or null: the supplier keeps its own */
            managerId: string | null;
        };
        NewManagerInput: {
            /** @description the new keeper of the records, or null: the supplier keeps its own */
            managerId: string | null;
        };
        NewOnboardingTransition: {
            /** @description why: kept on the ledger entry */
            reason: string;
            /** @enum {string} */
            to: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
        };
        NewOnboardingTransitionInput: {
            /** @description why: kept on the ledger entry */
            reason: string;
            /** @enum {string} */
            to: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
        };
        NewOrganisation: {
            /** @description the site’s address on one line; committed like the location */
            address?: string;
            country: string;
            identifiers?: {
                gln?: string;
                lei?: string;
                nationalRegistration?: string;
            };
            /** @enum {string} */
            kind: "brand" | "supplier" | "auditor";
            /** @description where its site is (the warehouse, plant or office its goods pass through); committed in the log, shown only to those who may see the organisation */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            /**
             * Format: uuid
             * @description the organisation that keeps this supplier’s records (admin only; a procurement team’s registrations are kept by its own organisation)
             */
            managedBy?: string;
            name: string;
            /**
             * @description what a supplier does in the chain
             * @enum {string}
             */
            role?: "manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other";
        };
        NewOrganisationInput: {
            /** @description the site’s address on one line; committed like the location */
            address?: string;
            country: string;
            identifiers?: {
                gln?: string;
                lei?: string;
                nationalRegistration?: string;
            };
            /** @enum {string} */
            kind: "brand" | "supplier" | "auditor";
            /** @description where its site is (the warehouse, plant or office its goods pass through); committed in the log, shown only to those who may see the organisation */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            /**
             * Format: uuid
             * @description the organisation that keeps this supplier’s records (admin only; a procurement team’s registrations are kept by its own organisation)
             */
            managedBy?: string;
            name: string;
            /**
             * @description what a supplier does in the chain
             * @enum {string}
             */
            role?: "manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other";
        };
        NewPlot: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            declaredAreaHectares?: number;
            geometry: {
                coordinates: unknown[];
                /** @enum {string} */
                type: "Point" | "Polygon" | "MultiPolygon";
            };
            name?: string;
            /**
             * Format: uuid
             * @description the supplier (farm or cooperative) the plot belongs to
             */
            organisationId: string;
        };
        NewPlotInput: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            declaredAreaHectares?: number;
            geometry: {
                coordinates: unknown[];
                /** @enum {string} */
                type: "Point" | "Polygon" | "MultiPolygon";
            };
            name?: string;
            /**
             * Format: uuid
             * @description the supplier (farm or cooperative) the plot belongs to
             */
            organisationId: string;
        };
        NewProduct: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            gtin: string;
            name: string;
            /** Format: uuid */
            organisationId: string;
        };
        NewProductInput: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            gtin: string;
            name: string;
            /** Format: uuid */
            organisationId: string;
        };
        NewPublication: {
            /** @description an entry of the caller’s organisation */
            entryIndex: number;
            fields: string[];
        } | {
            /** Format: uuid */
            batchId: string;
            /** @description computed by the service from the batch’s upstream chain and published as a new entry; each must be allowed by the brand’s passport policy (default: every claim the policy allows) */
            claims?: ("originCountry" | "tracedShare" | "originFarms" | "supplyChain" | "evidence" | "findings")[];
        };
        NewPublicationInput: {
            /** @description an entry of the caller’s organisation */
            entryIndex: number;
            fields: string[];
        } | {
            /** Format: uuid */
            batchId: string;
            /** @description computed by the service from the batch’s upstream chain and published as a new entry; each must be allowed by the brand’s passport policy (default: every claim the policy allows) */
            claims?: ("originCountry" | "tracedShare" | "originFarms" | "supplyChain" | "evidence" | "findings")[];
        };
        NewRedemption: {
            /** @description defaults to the invitation’s */
            displayName?: string;
            /**
             * Format: email
             * @description defaults to the invitation’s
             */
            email?: string;
            /** @description the invitation token */
            token: string;
        };
        NewRedemptionInput: {
            /** @description defaults to the invitation’s */
            displayName?: string;
            /**
             * Format: email
             * @description defaults to the invitation’s
             */
            email?: string;
            /** @description the invitation token */
            token: string;
        };
        NewReferenceOverride: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber";
            country?: string;
            hardCeiling?: string;
            justification: string;
            plausibleMax?: string;
            /** Format: uuid */
            plotId?: string;
        };
        NewReferenceOverrideInput: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber";
            country?: string;
            hardCeiling?: string;
            justification: string;
            plausibleMax?: string;
            /** Format: uuid */
            plotId?: string;
        };
        NewRelationship: {
            /** Format: uuid */
            buyerId: string;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            /** Format: uuid */
            supplierId: string;
        };
        NewRelationshipDecision: {
            /** @description kept on the ledger entry */
            reason?: string;
        };
        NewRelationshipDecisionInput: {
            /** @description kept on the ledger entry */
            reason?: string;
        };
        NewRelationshipInput: {
            /** Format: uuid */
            buyerId: string;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            /** Format: uuid */
            supplierId: string;
        };
        /**
         * @example {
         *       "jwk": {
         *         "kty": "OKP",
         *         "crv": "Ed25519",
         *         "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
         *       }
         *     }
         */
        NewSigningKey: {
            /** @description An Ed25519 (OKP) or P-256 (EC) public key as a JWK (RFC 7517) */
            jwk: {
                crv: string;
                /** @enum {string} */
                kty: "OKP" | "EC";
                x: string;
                y?: string;
            } & {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "jwk": {
         *         "kty": "OKP",
         *         "crv": "Ed25519",
         *         "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
         *       }
         *     }
         */
        NewSigningKeyInput: {
            /** @description An Ed25519 (OKP) or P-256 (EC) public key as a JWK (RFC 7517) */
            jwk: {
                crv: string;
                /** @enum {string} */
                kty: "OKP" | "EC";
                x: string;
                y?: string;
            } & {
                [key: string]: unknown;
            };
        };
        NewSupplierInvitation: {
            /** @description the invitee’s name (kept off the ledger) */
            displayName: string;
            /**
             * Format: email
             * @description the invitee’s e-mail (kept off the ledger)
             */
            email?: string;
            /**
             * @description days until the token expires (default 14)
             * @default 14
             */
            expiresInDays: number;
            /**
             * Format: uuid
             * @description the supplier whose first user is invited
             */
            organisationId: string;
        };
        NewSupplierInvitationInput: {
            /** @description the invitee’s name (kept off the ledger) */
            displayName: string;
            /**
             * Format: email
             * @description the invitee’s e-mail (kept off the ledger)
             */
            email?: string;
            /**
             * @description days until the token expires (default 14)
             * @default 14
             */
            expiresInDays: number;
            /**
             * Format: uuid
             * @description the supplier whose first user is invited
             */
            organisationId: string;
        };
        NewTraceEvent: {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            output: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            plotId: string;
            season: string;
            /** @constant */
            type: "harvest";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            /** Format: uuid */
            fromOrganisationId: string;
            input: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            output: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            toOrganisationId: string;
            /** @constant */
            type: "transfer";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            inputs: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            }[];
            /** Format: uuid */
            organisationId: string;
            outputs: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            }[];
            /** @constant */
            type: "transformation";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            input: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            organisationId: string;
            /** @description Why the mass is gone: drying, shrinkage, spillage, sampling … */
            reason: string;
            /** @constant */
            type: "loss";
        };
        NewTraceEventInput: {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            output: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            plotId: string;
            season: string;
            /** @constant */
            type: "harvest";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            /** Format: uuid */
            fromOrganisationId: string;
            input: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            output: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            toOrganisationId: string;
            /** @constant */
            type: "transfer";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            inputs: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            }[];
            /** Format: uuid */
            organisationId: string;
            outputs: {
                /** @description Chocolate only: cocoa content as a fraction, which sets its bean equivalent */
                cocoaContent?: string;
                description?: string;
                lot: string;
                /** @description Defaults: the commodity as harvested (cocoa_beans) for a harvest, the input batch’s material for a transfer, the inputs’ material for a transformation whose inputs share one */
                material?: string;
                /** Format: uuid */
                productId?: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            }[];
            /** @constant */
            type: "transformation";
        } | {
            /**
             * Format: date-time
             * @description RFC 3339 time the event happened
             */
            eventTime: string;
            input: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    /**
                     * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                     * @enum {string}
                     */
                    unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                    value: string;
                };
            };
            /** Format: uuid */
            organisationId: string;
            /** @description Why the mass is gone: drying, shrinkage, spillage, sampling … */
            reason: string;
            /** @constant */
            type: "loss";
        };
        NewUpstreamStatement: {
            /** @description the statement’s reference number in the Information System */
            referenceNumber: string;
            /** @description its verification number, which the supplier hands on with the reference */
            verificationNumber: string;
        };
        NewUpstreamStatementInput: {
            /** @description the statement’s reference number in the Information System */
            referenceNumber: string;
            /** @description its verification number, which the supplier hands on with the reference */
            verificationNumber: string;
        };
        NewUser: {
            displayName: string;
            /** Format: email */
            email?: string;
            /**
             * Format: uuid
             * @description required for every role but admin
             */
            organisationId?: string;
            /** @enum {string} */
            role: "admin" | "procurement" | "compliance" | "auditor" | "supplier";
        };
        NewUserInput: {
            displayName: string;
            /** Format: email */
            email?: string;
            /**
             * Format: uuid
             * @description required for every role but admin
             */
            organisationId?: string;
            /** @enum {string} */
            role: "admin" | "procurement" | "compliance" | "auditor" | "supplier";
        };
        Onboarding: {
            /** Format: uuid */
            brandId: string;
            history: {
                actor: string;
                at: string;
                entryIndex: number;
                reason: string | null;
                /** @enum {string} */
                status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            }[];
            requirements: {
                /** @description the attestations that meet it */
                attestations: string[];
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                description: string;
                key: string;
                /** @description the supplier has an attested reality snapshot in force (for annual ones: captured in the last 12 months) */
                met: boolean;
                stage: string;
            }[];
            /** @enum {string} */
            status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            /** Format: uuid */
            supplierId: string;
        };
        OnboardingInput: {
            /** Format: uuid */
            brandId: string;
            history: {
                actor: string;
                at: string;
                entryIndex: number;
                reason: string | null;
                /** @enum {string} */
                status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            }[];
            requirements: {
                /** @description the attestations that meet it */
                attestations: string[];
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                description: string;
                key: string;
                /** @description the supplier has an attested reality snapshot in force (for annual ones: captured in the last 12 months) */
                met: boolean;
                stage: string;
            }[];
            /** @enum {string} */
            status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            /** Format: uuid */
            supplierId: string;
        };
        OnboardingSummary: {
            /** Format: uuid */
            brandId: string;
            brandName: string;
            /** @description the ledger entry of the last transition */
            entryIndex: number;
            /** @description the reason given with the last transition */
            reason: string | null;
            /** @enum {string} */
            status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            /** Format: uuid */
            supplierId: string;
            supplierName: string;
            /** @description when the status last changed (RFC 3339) */
            updatedAt: string;
        };
        OnboardingSummaryInput: {
            /** Format: uuid */
            brandId: string;
            brandName: string;
            /** @description the ledger entry of the last transition */
            entryIndex: number;
            /** @description the reason given with the last transition */
            reason: string | null;
            /** @enum {string} */
            status: "invited" | "submitted" | "under_review" | "approved" | "rejected" | "suspended";
            /** Format: uuid */
            supplierId: string;
            supplierName: string;
            /** @description when the status last changed (RFC 3339) */
            updatedAt: string;
        };
        OpenAuditInput: {
            /**
             * Format: uuid
             * @description the brand opening the audit: the caller’s own (an administrator names one)
             */
            brandId: string;
            period: {
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                from: string;
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                to: string;
            };
            scope: components["schemas"]["AuditScope"];
            title: string;
        };
        OpenAuditInputInput: {
            /**
             * Format: uuid
             * @description the brand opening the audit: the caller’s own (an administrator names one)
             */
            brandId: string;
            period: {
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                from: string;
                /**
                 * Format: date
                 * @description a calendar date, YYYY-MM-DD
                 */
                to: string;
            };
            scope: components["schemas"]["AuditScopeInput"];
            title: string;
        };
        OpenedAudit: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
        };
        OpenedAuditInput: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
        };
        Organisation: {
            /** @description the site’s address on one line; null when not recorded */
            address: string | null;
            country: string;
            /** @description index of the ledger entry that registered it */
            entryIndex: number;
            /** Format: uuid */
            id: string;
            identifiers: {
                [key: string]: string;
            };
            /** @enum {string} */
            kind: "brand" | "supplier" | "auditor";
            /** @description where its site is; null when not recorded */
            location: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            } | null;
            /** @description the organisation that keeps this supplier’s records and writes for it; null when it keeps its own */
            managedBy: string | null;
            name: string;
            role: string | null;
        };
        OrganisationInput: {
            /** @description the site’s address on one line; null when not recorded */
            address: string | null;
            country: string;
            /** @description index of the ledger entry that registered it */
            entryIndex: number;
            /** Format: uuid */
            id: string;
            identifiers: {
                [key: string]: string;
            };
            /** @enum {string} */
            kind: "brand" | "supplier" | "auditor";
            /** @description where its site is; null when not recorded */
            location: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            } | null;
            /** @description the organisation that keeps this supplier’s records and writes for it; null when it keeps its own */
            managedBy: string | null;
            name: string;
            role: string | null;
        };
        OrganisationUpdate: {
            /** @description the site’s new address; null removes it */
            address?: string | null;
            country?: string;
            /** @description each identifier given replaces the current one; null removes it; those left out stay */
            identifiers?: {
                gln?: string | null;
                lei?: string | null;
                nationalRegistration?: string | null;
            };
            /** @description the site’s new location; null removes it */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            } | null;
            name?: string;
            role?: ("manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other") | null;
        };
        OrganisationUpdateInput: {
            /** @description the site’s new address; null removes it */
            address?: string | null;
            country?: string;
            /** @description each identifier given replaces the current one; null removes it; those left out stay */
            identifiers?: {
                gln?: string | null;
                lei?: string | null;
                nationalRegistration?: string | null;
            };
            /** @description the site’s new location; null removes it */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            } | null;
            name?: string;
            role?: ("manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other") | null;
        };
        PassportCredentialDraft: {
            claimEntryIndex: number;
            /** @description the JWS payload, exactly */
            credential: {
                [key: string]: unknown;
            };
            /** @description the organisation’s keys that may sign it: use one as the header’s kid and alg */
            keys: {
                /** @enum {string} */
                alg: "EdDSA" | "ES256";
                kid: string;
            }[];
            protectedHeader: {
                /** @constant */
                cty: "vc";
                /** @constant */
                typ: "vc+jwt";
            };
        };
        PassportCredentialDraftInput: {
            claimEntryIndex: number;
            /** @description the JWS payload, exactly */
            credential: {
                [key: string]: unknown;
            };
            /** @description the organisation’s keys that may sign it: use one as the header’s kid and alg */
            keys: {
                /** @enum {string} */
                alg: "EdDSA" | "ES256";
                kid: string;
            }[];
            protectedHeader: {
                /** @constant */
                cty: "vc";
                /** @constant */
                typ: "vc+jwt";
            };
        };
        PassportPolicy: {
            /** @description the passport_policy.set entry, null for the default */
            entryIndex: number | null;
            /**
             * @description how many farms have recent reality snapshots and the latest capture date; with thumbnails, also small copies of up to six recent photos
             * @enum {string}
             */
            evidence: "hidden" | "counts" | "thumbnails";
            /**
             * @description open findings on the lot, in plain words; with numbers, also how many and what share
             * @enum {string}
             */
            findings: "hidden" | "words" | "numbers";
            /**
             * @description countries of the farms; with farms, also how many farms and their total area (never their boundaries)
             * @enum {string}
             */
            origin: "hidden" | "countries" | "countries_and_farms";
            /**
             * @description where the policy in force comes from: the product’s own, its brand’s, or the default
             * @enum {string}
             */
            scope: "default" | "organisation" | "product";
            /**
             * @description the upstream suppliers by tier: their role and country, or also their names
             * @enum {string}
             */
            suppliers: "hidden" | "roles" | "names";
            /** @description the share of the lot traced to registered farms */
            tracedShare: boolean;
        };
        PassportPolicyInput: {
            /** @description the passport_policy.set entry, null for the default */
            entryIndex: number | null;
            /**
             * @description how many farms have recent reality snapshots and the latest capture date; with thumbnails, also small copies of up to six recent photos
             * @enum {string}
             */
            evidence: "hidden" | "counts" | "thumbnails";
            /**
             * @description open findings on the lot, in plain words; with numbers, also how many and what share
             * @enum {string}
             */
            findings: "hidden" | "words" | "numbers";
            /**
             * @description countries of the farms; with farms, also how many farms and their total area (never their boundaries)
             * @enum {string}
             */
            origin: "hidden" | "countries" | "countries_and_farms";
            /**
             * @description where the policy in force comes from: the product’s own, its brand’s, or the default
             * @enum {string}
             */
            scope: "default" | "organisation" | "product";
            /**
             * @description the upstream suppliers by tier: their role and country, or also their names
             * @enum {string}
             */
            suppliers: "hidden" | "roles" | "names";
            /** @description the share of the lot traced to registered farms */
            tracedShare: boolean;
        };
        PassportPolicySettings: {
            /**
             * @description how many farms have recent reality snapshots and the latest capture date; with thumbnails, also small copies of up to six recent photos
             * @enum {string}
             */
            evidence: "hidden" | "counts" | "thumbnails";
            /**
             * @description open findings on the lot, in plain words; with numbers, also how many and what share
             * @enum {string}
             */
            findings: "hidden" | "words" | "numbers";
            /**
             * @description countries of the farms; with farms, also how many farms and their total area (never their boundaries)
             * @enum {string}
             */
            origin: "hidden" | "countries" | "countries_and_farms";
            /**
             * @description the upstream suppliers by tier: their role and country, or also their names
             * @enum {string}
             */
            suppliers: "hidden" | "roles" | "names";
            /** @description the share of the lot traced to registered farms */
            tracedShare: boolean;
        };
        PassportPolicySettingsInput: {
            /**
             * @description how many farms have recent reality snapshots and the latest capture date; with thumbnails, also small copies of up to six recent photos
             * @enum {string}
             */
            evidence: "hidden" | "counts" | "thumbnails";
            /**
             * @description open findings on the lot, in plain words; with numbers, also how many and what share
             * @enum {string}
             */
            findings: "hidden" | "words" | "numbers";
            /**
             * @description countries of the farms; with farms, also how many farms and their total area (never their boundaries)
             * @enum {string}
             */
            origin: "hidden" | "countries" | "countries_and_farms";
            /**
             * @description the upstream suppliers by tier: their role and country, or also their names
             * @enum {string}
             */
            suppliers: "hidden" | "roles" | "names";
            /** @description the share of the lot traced to registered farms */
            tracedShare: boolean;
        };
        Plot: {
            /** @description geodesic area on WGS84 (Polygon) or the declared area (Point), 6 decimals */
            areaHectares: string;
            /** @enum {string} */
            areaSource: "geodesic" | "declared";
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            declaredAreaHectares: string | null;
            entryIndex: number;
            findings: {
                [key: string]: unknown;
            }[];
            geometry: {
                coordinates: unknown[];
                /** @enum {string} */
                type: "Point" | "Polygon" | "MultiPolygon";
            };
            /** Format: uuid */
            id: string;
            name: string | null;
            /** Format: uuid */
            organisationId: string;
        };
        PlotInput: {
            /** @description geodesic area on WGS84 (Polygon) or the declared area (Point), 6 decimals */
            areaHectares: string;
            /** @enum {string} */
            areaSource: "geodesic" | "declared";
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            declaredAreaHectares: string | null;
            entryIndex: number;
            findings: {
                [key: string]: unknown;
            }[];
            geometry: {
                coordinates: unknown[];
                /** @enum {string} */
                type: "Point" | "Polygon" | "MultiPolygon";
            };
            /** Format: uuid */
            id: string;
            name: string | null;
            /** Format: uuid */
            organisationId: string;
        };
        Problem: {
            detail?: string;
            errors?: {
                detail: string;
                /** @enum {string} */
                in?: "body" | "query" | "params" | "headers";
                /** @description JSON Pointer (RFC 6901) to the offending field within `in` */
                pointer: string;
            }[];
            instance?: string;
            requestId?: string;
            status: number;
            title: string;
            /** @description URI reference identifying the problem type */
            type: string;
        };
        ProblemInput: {
            detail?: string;
            errors?: {
                detail: string;
                /** @enum {string} */
                in?: "body" | "query" | "params" | "headers";
                /** @description JSON Pointer (RFC 6901) to the offending field within `in` */
                pointer: string;
            }[];
            instance?: string;
            requestId?: string;
            status: number;
            title: string;
            /** @description URI reference identifying the problem type */
            type: string;
        };
        Product: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            entryIndex: number;
            gtin: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            organisationId: string;
        };
        ProductInput: {
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            entryIndex: number;
            gtin: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            organisationId: string;
        };
        ProgressedCorrectiveAction: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "done" | "verified" | "rejected";
        };
        ProgressedCorrectiveActionInput: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "done" | "verified" | "rejected";
        };
        Publication: {
            /** @description the publication’s own ledger entry */
            entryIndex: number;
            published: {
                entryIndex: number;
                path: string;
            }[];
        };
        PublicationInput: {
            /** @description the publication’s own ledger entry */
            entryIndex: number;
            published: {
                entryIndex: number;
                path: string;
            }[];
        };
        RecordedAuditFinding: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
        };
        RecordedAuditFindingInput: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
        };
        RecordedAuditorStatement: {
            entryIndex: number;
            /** Format: uuid */
            statementId: string;
            verdict: string;
        };
        RecordedAuditorStatementInput: {
            entryIndex: number;
            /** Format: uuid */
            statementId: string;
            verdict: string;
        };
        RecordedReferenceOverride: {
            entryIndex: number;
            referenceVersion: string;
        };
        RecordedReferenceOverrideInput: {
            entryIndex: number;
            referenceVersion: string;
        };
        RecordedTraceEvent: {
            batchIds: string[];
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
        };
        RecordedTraceEventInput: {
            batchIds: string[];
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
        };
        Redemption: {
            token: components["schemas"]["IssuedToken"];
            user: components["schemas"]["User"];
        };
        RedemptionInput: {
            token: components["schemas"]["IssuedTokenInput"];
            user: components["schemas"]["UserInput"];
        };
        ReferenceData: {
            factors: {
                [key: string]: string;
            }[];
            overrides: {
                [key: string]: string | number;
            }[];
            version: string;
            yields: {
                [key: string]: string;
            }[];
        };
        ReferenceDataInput: {
            factors: {
                [key: string]: string;
            }[];
            overrides: {
                [key: string]: string | number;
            }[];
            version: string;
            yields: {
                [key: string]: string;
            }[];
        };
        Relationship: {
            /** Format: uuid */
            buyerId: string;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            /** @description index of the ledger entry of its latest step */
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @description the side that proposed it; null when declared by someone acting for both sides */
            proposedBy: ("buyer" | "supplier") | null;
            /**
             * @description only an accepted relationship extends visibility or carries goods
             * @enum {string}
             */
            status: "proposed" | "accepted" | "rejected";
            /** Format: uuid */
            supplierId: string;
        };
        RelationshipInput: {
            /** Format: uuid */
            buyerId: string;
            /** @enum {string} */
            commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            /** @description index of the ledger entry of its latest step */
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @description the side that proposed it; null when declared by someone acting for both sides */
            proposedBy: ("buyer" | "supplier") | null;
            /**
             * @description only an accepted relationship extends visibility or carries goods
             * @enum {string}
             */
            status: "proposed" | "accepted" | "rejected";
            /** Format: uuid */
            supplierId: string;
        };
        RelationshipProposals: {
            /** Format: uuid */
            organisationId: string;
            proposals: {
                /** Format: uuid */
                buyerId: string;
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                /** @description index of the ledger entry of its latest step */
                entryIndex: number;
                /** Format: uuid */
                id: string;
                /** @description the side that proposed it; null when declared by someone acting for both sides */
                proposedBy: ("buyer" | "supplier") | null;
                /** @description public name of the proposing side; the other side’s name is not shown to the proposer */
                proposerName: string;
                /**
                 * @description only an accepted relationship extends visibility or carries goods
                 * @enum {string}
                 */
                status: "proposed" | "accepted" | "rejected";
                /** Format: uuid */
                supplierId: string;
            }[];
        };
        RelationshipProposalsInput: {
            /** Format: uuid */
            organisationId: string;
            proposals: {
                /** Format: uuid */
                buyerId: string;
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                /** @description index of the ledger entry of its latest step */
                entryIndex: number;
                /** Format: uuid */
                id: string;
                /** @description the side that proposed it; null when declared by someone acting for both sides */
                proposedBy: ("buyer" | "supplier") | null;
                /** @description public name of the proposing side; the other side’s name is not shown to the proposer */
                proposerName: string;
                /**
                 * @description only an accepted relationship extends visibility or carries goods
                 * @enum {string}
                 */
                status: "proposed" | "accepted" | "rejected";
                /** Format: uuid */
                supplierId: string;
            }[];
        };
        SetCorrectiveAction: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @constant */
            status: "open";
        };
        SetCorrectiveActionInput: {
            entryIndex: number;
            /** Format: uuid */
            id: string;
            /** @constant */
            status: "open";
        };
        SignedAttestation: {
            jws: string;
        };
        SignedAttestationInput: {
            jws: string;
        };
        SignedAttestations: {
            jws: string[];
        };
        SignedAttestationsInput: {
            jws: string[];
        };
        SignedAuditorStatement: {
            jws: string;
        };
        SignedAuditorStatementInput: {
            jws: string;
        };
        SignedPassportCredential: {
            jws: string;
        };
        SignedPassportCredentialInput: {
            jws: string;
        };
        SigningKey: {
            /** @enum {string} */
            alg: "EdDSA" | "ES256";
            entryIndex: number;
            jwk: {
                [key: string]: unknown;
            };
            /** @description RFC 7638 JWK thumbprint (SHA-256) */
            kid: string;
            /** Format: uuid */
            organisationId: string;
            revoked: boolean;
        };
        SigningKeyInput: {
            /** @enum {string} */
            alg: "EdDSA" | "ES256";
            entryIndex: number;
            jwk: {
                [key: string]: unknown;
            };
            /** @description RFC 7638 JWK thumbprint (SHA-256) */
            kid: string;
            /** Format: uuid */
            organisationId: string;
            revoked: boolean;
        };
        SiteAccount: {
            /** @description exact decimal grams of base-material equivalent */
            balanceGrams: string;
            custodyModel: string;
            /** @description exact decimal grams of base-material equivalent */
            expiredGrams: string;
            findings: {
                message: string;
                numbers: {
                    [key: string]: unknown;
                };
                rule: string;
                severity: string;
            }[];
            /** Format: uuid */
            organisationId: string;
            postings: {
                at: string;
                /** @description exact decimal grams of base-material equivalent */
                balanceGrams: string;
                entryIndex?: number;
                /** @description exact decimal grams of base-material equivalent */
                grams: string;
                id: string;
                /** @enum {string} */
                kind: "receive" | "sell";
                /** @enum {string} */
                status: "posted" | "locked" | "short";
            }[];
            referenceVersion: string;
            treeSize: number;
        };
        SiteAccountInput: {
            /** @description exact decimal grams of base-material equivalent */
            balanceGrams: string;
            custodyModel: string;
            /** @description exact decimal grams of base-material equivalent */
            expiredGrams: string;
            findings: {
                message: string;
                numbers: {
                    [key: string]: unknown;
                };
                rule: string;
                severity: string;
            }[];
            /** Format: uuid */
            organisationId: string;
            postings: {
                at: string;
                /** @description exact decimal grams of base-material equivalent */
                balanceGrams: string;
                entryIndex?: number;
                /** @description exact decimal grams of base-material equivalent */
                grams: string;
                id: string;
                /** @enum {string} */
                kind: "receive" | "sell";
                /** @enum {string} */
                status: "posted" | "locked" | "short";
            }[];
            referenceVersion: string;
            treeSize: number;
        };
        SupplierImportRow: {
            /** @description the site’s address on one line; committed like the location */
            address?: string;
            /** Format: uuid */
            buyerId?: string;
            /** @enum {string} */
            commodity?: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            identifiers?: {
                gln?: string;
                lei?: string;
                nationalRegistration?: string;
            };
            /** @description where its site is (the warehouse, plant or office its goods pass through); committed in the log, shown only to those who may see the organisation */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            name: string;
            /**
             * @description what a supplier does in the chain
             * @enum {string}
             */
            role?: "manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other";
        };
        SupplierImportRowInput: {
            /** @description the site’s address on one line; committed like the location */
            address?: string;
            /** Format: uuid */
            buyerId?: string;
            /** @enum {string} */
            commodity?: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
            country: string;
            identifiers?: {
                gln?: string;
                lei?: string;
                nationalRegistration?: string;
            };
            /** @description where its site is (the warehouse, plant or office its goods pass through); committed in the log, shown only to those who may see the organisation */
            location?: {
                coordinates: [
                    number,
                    number
                ];
                /** @constant */
                type: "Point";
            };
            name: string;
            /**
             * @description what a supplier does in the chain
             * @enum {string}
             */
            role?: "manufacturer" | "processor" | "trader" | "exporter" | "importer" | "cooperative" | "farm" | "other";
        };
        SupplierInvitation: {
            createdAt: string;
            /** @description null once redeemed or revoked (it moved to the user, or was erased) */
            displayName: string | null;
            email: string | null;
            /** @description index of the `invitation.created` entry */
            entryIndex: number;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description who invited: `user:<id>` or an operator name */
            invitedBy: string;
            inviterOrganisationId: string | null;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            redeemedUserId: string | null;
            /** @enum {string} */
            status: "pending" | "redeemed" | "revoked" | "expired";
        };
        SupplierInvitationInput: {
            createdAt: string;
            /** @description null once redeemed or revoked (it moved to the user, or was erased) */
            displayName: string | null;
            email: string | null;
            /** @description index of the `invitation.created` entry */
            entryIndex: number;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description who invited: `user:<id>` or an operator name */
            invitedBy: string;
            inviterOrganisationId: string | null;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            redeemedUserId: string | null;
            /** @enum {string} */
            status: "pending" | "redeemed" | "revoked" | "expired";
        };
        SupplyChain: {
            /** Format: uuid */
            organisationId: string;
            suppliers: {
                organisation: components["schemas"]["Organisation"];
                /** @description shortest distance from this organisation along declared relationships */
                tier: number;
            }[];
        };
        SupplyChainInput: {
            /** Format: uuid */
            organisationId: string;
            suppliers: {
                organisation: components["schemas"]["OrganisationInput"];
                /** @description shortest distance from this organisation along declared relationships */
                tier: number;
            }[];
        };
        Trace: {
            batches: {
                balance: components["schemas"]["BatchBalance"];
                cocoaContent: string | null;
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                description: string | null;
                entryIndex: number;
                /** @description when the producing event happened, as its recorder said */
                eventTime: string;
                /** Format: uuid */
                id: string;
                lot: string;
                material: string;
                /** Format: uuid */
                organisationId: string;
                /**
                 * Format: uuid
                 * @description the event that produced this batch
                 */
                producedBy: string;
                productId: string | null;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                };
                /** @description when the producing event was recorded: its ledger entry’s time, our clock */
                recordTime: string;
                tier: number | null;
            }[];
            /** Format: uuid */
            batchId: string;
            events: components["schemas"]["TraceEvent"][];
            plots: {
                areaHectares: string;
                country: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                organisationId: string;
                tier: number | null;
            }[];
        };
        TraceEvent: {
            entryIndex: number;
            eventTime: string;
            /** Format: uuid */
            id: string;
            inputs: {
                batchId: string | null;
                plotId: string | null;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                } | null;
            }[];
            /** Format: uuid */
            organisationId: string;
            outputs: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                };
            }[];
            /** @description its ledger entry’s time (our clock), beside the eventTime the client gave */
            recordTime: string;
            /** @enum {string} */
            type: "harvest" | "transfer" | "transformation" | "loss";
            /** @description set when a later entry voided this event: it stays in the log, and nothing upstream of it is traced through it */
            voided: {
                by: string;
                /** @description the entry that voided it */
                entryIndex: number;
                reason: string;
            } | null;
        };
        TraceEventInput: {
            entryIndex: number;
            eventTime: string;
            /** Format: uuid */
            id: string;
            inputs: {
                batchId: string | null;
                plotId: string | null;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                } | null;
            }[];
            /** Format: uuid */
            organisationId: string;
            outputs: {
                /** Format: uuid */
                batchId: string;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                };
            }[];
            /** @description its ledger entry’s time (our clock), beside the eventTime the client gave */
            recordTime: string;
            /** @enum {string} */
            type: "harvest" | "transfer" | "transformation" | "loss";
            /** @description set when a later entry voided this event: it stays in the log, and nothing upstream of it is traced through it */
            voided: {
                by: string;
                /** @description the entry that voided it */
                entryIndex: number;
                reason: string;
            } | null;
        };
        TraceInput: {
            batches: {
                balance: components["schemas"]["BatchBalanceInput"];
                cocoaContent: string | null;
                /** @enum {string} */
                commodity: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                description: string | null;
                entryIndex: number;
                /** @description when the producing event happened, as its recorder said */
                eventTime: string;
                /** Format: uuid */
                id: string;
                lot: string;
                material: string;
                /** Format: uuid */
                organisationId: string;
                /**
                 * Format: uuid
                 * @description the event that produced this batch
                 */
                producedBy: string;
                productId: string | null;
                quantity: {
                    grams: string | null;
                    unit: string;
                    value: string;
                };
                /** @description when the producing event was recorded: its ledger entry’s time, our clock */
                recordTime: string;
                tier: number | null;
            }[];
            /** Format: uuid */
            batchId: string;
            events: components["schemas"]["TraceEventInput"][];
            plots: {
                areaHectares: string;
                country: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                organisationId: string;
                tier: number | null;
            }[];
        };
        TransferReceipt: {
            note?: string;
            /** @description what arrived; what was sent beyond it becomes a recorded loss */
            quantity: {
                /**
                 * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                 * @enum {string}
                 */
                unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                value: string;
            };
            /**
             * Format: date-time
             * @description when it arrived; now if left out
             */
            receivedAt?: string;
        };
        TransferReceiptInput: {
            note?: string;
            /** @description what arrived; what was sent beyond it becomes a recorded loss */
            quantity: {
                /**
                 * @description UN/CEFACT Rec. 20 code: KGM, TNE, GRM, LBR, LTR …
                 * @enum {string}
                 */
                unit: "GRM" | "KGM" | "TNE" | "LBR" | "ONZ" | "MGM" | "LTR" | "MTQ" | "H87" | "C62" | "XBG" | "XBX";
                value: string;
            };
            /**
             * Format: date-time
             * @description when it arrived; now if left out
             */
            receivedAt?: string;
        };
        UpstreamStatement: {
            /** Format: uuid */
            batchId: string;
            /** @description the batch.upstream_statement ledger entry */
            entryIndex: number;
            lot: string;
            recordedAt: string;
            referenceNumber: string;
            verificationNumber: string;
        };
        UpstreamStatementInput: {
            /** Format: uuid */
            batchId: string;
            /** @description the batch.upstream_statement ledger entry */
            entryIndex: number;
            lot: string;
            recordedAt: string;
            referenceNumber: string;
            verificationNumber: string;
        };
        User: {
            displayName: string | null;
            email: string | null;
            entryIndex: number;
            /** Format: uuid */
            id: string;
            organisationId: string | null;
            /** @enum {string} */
            role: "admin" | "procurement" | "compliance" | "auditor" | "supplier";
        };
        UserInput: {
            displayName: string | null;
            email: string | null;
            entryIndex: number;
            /** Format: uuid */
            id: string;
            organisationId: string | null;
            /** @enum {string} */
            role: "admin" | "procurement" | "compliance" | "auditor" | "supplier";
        };
        VerificationReport: {
            attestations: components["schemas"]["AttestationEvidence"][];
            /** @description the signed checkpoint every inclusion proof here leads to */
            checkpoint: string;
            /** @description C2SP verifier key of the log */
            logKey: string;
            sha256: string;
        };
        VerificationReportInput: {
            attestations: components["schemas"]["AttestationEvidenceInput"][];
            /** @description the signed checkpoint every inclusion proof here leads to */
            checkpoint: string;
            /** @description C2SP verifier key of the log */
            logKey: string;
            sha256: string;
        };
        VoidedTraceEvent: {
            /** @description the entry that voids it */
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
            type: string;
        };
        VoidedTraceEventInput: {
            /** @description the entry that voids it */
            entryIndex: number;
            /** Format: uuid */
            eventId: string;
            type: string;
        };
        WithdrawnAttestation: {
            /** Format: uuid */
            attestationId: string;
            entryIndex: number;
        };
        WithdrawnAttestationInput: {
            /** Format: uuid */
            attestationId: string;
            entryIndex: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    epcisBizLocations: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisBizLocationsEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                value: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisBizSteps: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisBizStepsEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                value: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisCapture: {
        parameters: {
            query?: never;
            header?: {
                "gs1-capture-error-behaviour"?: "rollback" | "proceed";
            };
            path?: never;
            cookie?: never;
        };
        /** @description EPCISDocument (JSON or JSON-LD, or XML valid against GS1’s EPCIS 2.0 XSD) */
        requestBody: {
            content: {
                "application/json": unknown;
                "application/ld+json": unknown;
                "application/xml": unknown;
                "text/xml": unknown;
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCaptureJob"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payload Too Large: RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisCaptureOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    epcisCaptureJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                captureID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCaptureJob"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisDispositions: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisDispositionsEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                value: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisEpcs: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisEpcsEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                value: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                eventID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
        };
    };
    epcisEventTypesEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                eventType: "ObjectEvent" | "AggregationEvent" | "TransactionEvent" | "TransformationEvent" | "AssociationEvent";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisQueries: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDefinition"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisCreateQuery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEPCISQueryInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDefinition"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisQuery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queryName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDefinition"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisDeleteQuery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queryName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisQueryEvents: {
        parameters: {
            query?: {
                /** @description with Upgrade: websocket: events recorded from this time on (default: now) */
                initialRecordTime?: string;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                perPage?: number;
                /** @description with Upgrade: websocket: subscribe to the query */
                stream?: "true";
            };
            header?: never;
            path: {
                queryName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payload Too Large: RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisSubscriptions: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path: {
                queryName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISSubscription"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisSubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queryName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEPCISSubscriptionInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISSubscription"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queryName: string;
                subscriptionID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISSubscription"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisUnsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queryName: string;
                subscriptionID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisSubscriptionDeadLetters: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path: {
                queryName: string;
                subscriptionID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISDeadLetter"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisReadPoints: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    epcisReadPointsEvents: {
        parameters: {
            query?: {
                EQ_action?: string | string[];
                EQ_bizLocation?: string | string[];
                EQ_bizStep?: string | string[];
                EQ_disposition?: string | string[];
                EQ_eventID?: string | string[];
                EQ_readPoint?: string | string[];
                /** @description At most this many events in all, over every page: the first in the order orderBy names (required with it) */
                eventCountLimit?: number;
                eventType?: string | string[];
                GE_eventTime?: string;
                GE_recordTime?: string;
                LT_eventTime?: string;
                LT_recordTime?: string;
                MATCH_anyEPC?: string | string[];
                MATCH_anyEPCClass?: string | string[];
                MATCH_epc?: string | string[];
                MATCH_epcClass?: string | string[];
                MATCH_inputEPC?: string | string[];
                MATCH_inputEPCClass?: string | string[];
                MATCH_outputEPC?: string | string[];
                MATCH_outputEPCClass?: string | string[];
                MATCH_parentID?: string | string[];
                /** @description If more events than this match, the query fails with QueryTooLargeException (413) instead of answering */
                maxEventCount?: number;
                nextPageToken?: string;
                orderBy?: "eventTime" | "recordTime";
                orderDirection?: "ASC" | "DESC";
                perPage?: number;
            };
            header?: never;
            path: {
                value: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: an EPCISQueryDocument, as JSON-LD (the default) or, when `Accept` ranks application/xml or text/xml above JSON-LD, in the EPCIS 2.0 XML binding (valid against GS1’s EPCIS 2.0 query XSD). An answer the XML binding cannot express (a stored event with a field that has no XML spelling) is sent as JSON-LD instead, with Content-Type application/json: check Content-Type, not Accept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EPCISQueryDocument"];
                    "application/xml": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAttestations: {
        parameters: {
            query: {
                /** @description plot:<id> or batch:<id> */
                subject: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceReport"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordAttestation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignedAttestationInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttestationReceipt"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordAuditorStatement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignedAuditorStatementInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedAuditorStatement"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    withdrawAttestation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAttestationWithdrawalInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WithdrawnAttestation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordAttestations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignedAttestationsInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttestationBatchResults"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAudits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"][];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenAuditInputInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenedAudit"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignAuditInputInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditAssignment"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    concludeAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConcludeAuditInputInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConcludedAudit"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    progressCorrectiveAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                actionId: string;
                auditId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrectiveActionProgressInputInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgressedCorrectiveAction"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordAuditFinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAuditFindingInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedAuditFinding"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCorrectiveAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditId: string;
                findingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCorrectiveActionInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetCorrectiveAction"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lotStatement: {
        parameters: {
            query?: {
                /** @description the day overdue actions are counted on (default today) */
                asOf?: string;
            };
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LotStatement"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBatches: {
        parameters: {
            query?: {
                /** @description batches of the product with this GTIN (8, 12, 13 or 14 digits) */
                gtin?: string;
                /** @description the organisation that holds the batch */
                holder?: string;
                /** @description the lot code, exactly */
                lot?: string;
                /** @description e.g. cocoa_beans, cocoa_liquor */
                material?: string;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
                /** @description produced at or after (the producing event’s time) */
                producedAfter?: string;
                /** @description produced before */
                producedBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eudrGeojson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the FeatureCollection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["EudrFeatureCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eudrStatement: {
        parameters: {
            query?: {
                /** @description the activity the operator states; derived from the lot’s transfers when left out (IMPORT into an EU operator from outside the EU, DOMESTIC within it) */
                activity?: "IMPORT" | "EXPORT" | "DOMESTIC";
                /** @description the HS heading the operator states; from the lot’s material when left out */
                hsHeading?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DueDiligenceStatement"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordUpstreamStatement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUpstreamStatementInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpstreamStatement"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBatchForestChecks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchForestChecks"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkBatchForest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchForestCheckRun"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    batchMassBalance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassBalanceBreakdown"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    draftPassportCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassportCredentialDraft"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issuePassportCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignedPassportCredentialInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedPassportCredential"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    traceBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trace"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishDisclosures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPublicationInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Publication"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordTraceEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTraceEventInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedTraceEvent"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmTransferReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferReceiptInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfirmedTransferReceipt"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    voidTraceEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventVoidInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoidedTraceEvent"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadEvidence: {
        parameters: {
            query?: {
                kind?: "splat" | "ksplat";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
                "application/x-ply": string;
                "image/heic": string;
                "image/heif": string;
                "image/jpeg": string;
                "image/png": string;
                "model/gltf-binary": string;
                "model/x-ksplat": string;
                "model/x-ply": string;
                "model/x-splat": string;
                "model/x-spz": string;
                "video/mp4": string;
                "video/quicktime": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceBlob"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceBlob"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payload Too Large: RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Media Type: RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceBlob"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvidenceContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the stored bytes, served with the media type identified at upload */
            200: {
                headers: {
                    /** @description size in bytes */
                    "content-length"?: string;
                    /** @description sha-256 of the bytes (RFC 3230 form) */
                    digest?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                    "image/*": string;
                    "model/*": string;
                    "video/*": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFindings: {
        parameters: {
            query?: {
                /** @description findings on this batch or on volume it contains */
                batchId?: string;
                /** @description the former name of perPage, still accepted */
                limit?: number;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
                rule?: string | string[];
                severity?: string | string[];
                status?: "open" | "resolved" | "all";
                subjectId?: string;
                subjectKind?: "plot" | "event" | "batch" | "site" | "attestation";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassBalanceFinding"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassBalanceFindingThread"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resolveFinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewFindingResolutionInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassBalanceFinding"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importRecords: {
        parameters: {
            query?: {
                mode?: "all-or-nothing" | "per-row";
                /** @description CSV: refuse a file with columns not documented for its kind (400), or leave them out */
                unknownColumns?: "refuse" | "ignore";
            };
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                kind: "suppliers" | "plots";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportRowsInput"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payload Too Large: RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
        };
    };
    importTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "suppliers" | "plots";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the header row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description only invitations to this supplier */
                organisation?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
                status?: "pending" | "redeemed" | "revoked" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierInvitation"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    inviteSupplierUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSupplierInvitationInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedInvitation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierInvitation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeemInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewRedemptionInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redemption"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone: RFC 9457 problem details */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLastLedgerAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerAuditReport"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditLedger: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerAuditReport"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLatestCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description C2SP signed note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    listCheckpoints: {
        parameters: {
            query?: {
                /** @description smallest tree size to list */
                from?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerCheckpoints"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLedgerEntries: {
        parameters: {
            query: {
                limit?: number;
                /** @description index of the first entry */
                start: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerEntries"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEntryDisclosures: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description leaf index */
                index: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryDisclosures"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLogVerifierKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getConsistencyProof: {
        parameters: {
            query: {
                /** @description the older tree size */
                from: string;
                /** @description the newer tree size */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsistencyProof"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInclusionProof: {
        parameters: {
            query: {
                /** @description leaf index */
                index: string;
                /** @description size of the tree the proof is for */
                treeSize: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InclusionProof"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                "*": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recomputeMassBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MassBalanceRun"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOnboarding: {
        parameters: {
            query?: {
                brand?: string;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
                status?: string | string[];
                supplier?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingSummary"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    inviteSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInvitationInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Onboarding"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOnboarding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                brandId: string;
                supplierId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Onboarding"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transitionOnboarding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                brandId: string;
                supplierId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewOnboardingTransitionInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Onboarding"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrganisations: {
        parameters: {
            query?: {
                country?: string;
                kind?: "brand" | "supplier" | "auditor";
                /** @description name prefix, case-insensitive */
                name?: string;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewOrganisationInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    grantAuditor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                brandId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAuditorGrantInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditorGrant"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeAuditor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                auditorId: string;
                brandId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setEvidenceRequirement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                brandId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewEvidenceRequirementInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewEvidenceRequirement"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganisationUpdateInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAccountingPeriods: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountingPeriod"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    declareAccountingPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewAccountingPeriodInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountingPeriod"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeAccountingPeriod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                periodId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountingPeriod"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listContacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactList"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewContactInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contactId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCustodyModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCustodyModelInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustodyModel"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningKey"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSigningKeyInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningKey"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                kid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setOrganisationManager: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewManagerInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrganisationPassportPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassportPolicy"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setOrganisationPassportPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PassportPolicySettingsInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassportPolicy"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrganisationPlots: {
        parameters: {
            query?: {
                commodity?: "cocoa" | "coffee" | "oil_palm" | "soya" | "cattle" | "rubber" | "wood";
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plot"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRelationshipProposals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelationshipProposals"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    siteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteAccount"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSupplyChain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplyChain"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    mapPlot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewPlotInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plot"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Plot"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPlotForestCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForestCheck"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkPlotForest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForestCheck"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description GTIN-8, -12, -13 or -14 (compared as GTIN-14) */
                gtin?: string;
                /** @description from the previous page’s `Link: <…>; rel="next"` header; pass the same filters with it */
                nextPageToken?: string;
                /** @description the brand or supplier that registered the product */
                organisation?: string;
                /** @description rows per page (default 100, at most 1000) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"][];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewProductInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProductPassportPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                gtin: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassportPolicy"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setProductPassportPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                gtin: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PassportPolicySettingsInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassportPolicy"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    productQrCode: {
        parameters: {
            query?: {
                format?: "svg" | "png";
                lot?: string;
                size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    referenceData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferenceData"];
                };
            };
        };
    };
    overrideReferenceYield: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewReferenceOverrideInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedReferenceOverride"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    declareRelationship: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewRelationshipInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Relationship"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptRelationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewRelationshipDecisionInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Relationship"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectRelationship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewRelationshipDecisionInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Relationship"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict: RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditReport: {
        parameters: {
            query?: {
                /** @description the tree size of a signed checkpoint to pin the report to; the newest signed one by default */
                treeSize?: number;
            };
            header?: never;
            path: {
                id: string;
                /** @description lots: a batch id; suppliers: an organisation id; chains: a brand’s organisation id */
                scope: "lots" | "suppliers" | "chains";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditReport"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditReportCsv: {
        parameters: {
            query?: {
                /** @description the tree size of a signed checkpoint to pin the report to; the newest signed one by default */
                treeSize?: number;
            };
            header?: never;
            path: {
                id: string;
                /** @description lots: a batch id; suppliers: an organisation id; chains: a brand’s organisation id */
                scope: "lots" | "suppliers" | "chains";
                table: "suppliers" | "volume" | "plots" | "evidenceSites" | "evidenceTiers" | "findings" | "risk";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the table */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditReportGeojson: {
        parameters: {
            query?: {
                /** @description the tree size of a signed checkpoint to pin the report to; the newest signed one by default */
                treeSize?: number;
            };
            header?: never;
            path: {
                id: string;
                /** @description lots: a batch id; suppliers: an organisation id; chains: a brand’s organisation id */
                scope: "lots" | "suppliers" | "chains";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the FeatureCollection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["EudrFeatureCollection"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditReportPdf: {
        parameters: {
            query?: {
                /** @description the tree size of a signed checkpoint to pin the report to; the newest signed one by default */
                treeSize?: number;
            };
            header?: never;
            path: {
                id: string;
                /** @description lots: a batch id; suppliers: an organisation id; chains: a brand’s organisation id */
                scope: "lots" | "suppliers" | "chains";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jti: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUserInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 12h */
                    ttl?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedToken"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unauthorized: RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not Found: RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvidenceDigestInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationReport"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEvidenceFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
                "application/x-ply": string;
                "image/heic": string;
                "image/heif": string;
                "image/jpeg": string;
                "image/png": string;
                "model/gltf-binary": string;
                "model/x-ksplat": string;
                "model/x-ply": string;
                "model/x-splat": string;
                "model/x-spz": string;
                "video/mp4": string;
                "video/quicktime": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationReport"];
                };
            };
            /** @description Bad Request: RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payload Too Large: RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service Unavailable: RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
