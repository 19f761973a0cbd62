"""Google's API client for Python against `threadwatch serve` (issue 28).

Builds the client from the server's discovery document, exactly as a
Perspective integration does with only `discoveryServiceUrl` changed, then
calls comments().analyze and comments().suggestscore.

Usage: python google_client.py http://127.0.0.1:PORT KEY
"""

import sys

from googleapiclient import discovery
from googleapiclient.errors import HttpError


def main():
    root, key = sys.argv[1], sys.argv[2]
    client = discovery.build(
        "commentanalyzer",
        "v1alpha1",
        developerKey=key,
        discoveryServiceUrl=root + "/$discovery/rest?version={apiVersion}",
        static_discovery=False,
    )
    analyze_request = {
        "comment": {"text": "You are a complete idiot."},
        "requestedAttributes": {"TOXICITY": {}, "INSULT": {}},
        "spanAnnotations": True,
    }
    response = client.comments().analyze(body=analyze_request).execute()
    toxicity = response["attributeScores"]["TOXICITY"]["summaryScore"]
    assert toxicity["type"] == "PROBABILITY", response
    assert 0.0 <= toxicity["value"] <= 1.0, response
    spans = response["attributeScores"]["INSULT"]["spanScores"]
    # "idiot" is characters 19 to 24 (the span may be "complete idiot").
    assert any(s["begin"] <= 19 and s["end"] >= 24 for s in spans), spans

    suggest_request = {
        "comment": {"text": "You are a complete idiot."},
        "attributeScores": {"TOXICITY": {"summaryScore": {"value": 1.0}}},
        "clientToken": "python-client-1",
    }
    answer = client.comments().suggestscore(body=suggest_request).execute()
    assert answer.get("clientToken") == "python-client-1", answer

    # A bad key is an HttpError 403, as from Google.
    bad = discovery.build(
        "commentanalyzer",
        "v1alpha1",
        developerKey="wrong",
        discoveryServiceUrl=root + "/$discovery/rest?version={apiVersion}",
        static_discovery=False,
    )
    try:
        bad.comments().analyze(body=analyze_request).execute()
    except HttpError as e:
        assert e.resp.status == 403, e
    else:
        raise AssertionError("a wrong key was accepted")
    print("ok", toxicity["value"])


if __name__ == "__main__":
    main()
