package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.store.StoredObject;

/**
 * Objects as served at a URL: stored objects are kept at their current version, and served at an
 * old or other served version with just the {@code apiVersion} changed (like a CRD's {@code None}
 * conversion). Stored trees are shared and never changed: a view that differs is a copy.
 */
final class Views {

    private Views() {
    }

    static JsonNode object(StoredObject o, String apiVersion) {
        ObjectNode json = o.json();
        if (apiVersion.equals(json.path("apiVersion").asText())) {
            return json;
        }
        ObjectNode copy = json.deepCopy();
        copy.put("apiVersion", apiVersion);
        return copy;
    }

    /** A list item: built-in kinds' items carry no kind/apiVersion, as the API server writes them. */
    static JsonNode listItem(StoredObject o, String apiVersion, boolean builtIn) {
        if (!builtIn) {
            return object(o, apiVersion);
        }
        ObjectNode copy = o.json().deepCopy();
        copy.remove("kind");
        copy.remove("apiVersion");
        return copy;
    }
}
