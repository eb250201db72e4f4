import Foundation

/// The write API's part of the OpenAPI document: `/api/v1/listings` and its schedule routes, every body from the
/// same ``JSONShape`` the server checks it against, every error a problem document.
extension OpenAPIDocument {
    static func listingSchemas(municipalityCodes: [String]) -> Object {
        [
            "Listing": ListingDocument.schema(municipalityCodes: municipalityCodes),
            "ListingPage": [
                "type": "object",
                "properties": ["total": integer, "limit": integer, "offset": integer, "items": ["type": "array", "items": ref("Listing")]],
                "required": ["total", "limit", "offset", "items"],
            ],
        ]
    }

    /// A token-protected operation answering `success` (nil for 204) or one of `errors` as problem documents.
    private static func operation(
        _ summary: String, parameters: [Object], body: JSONShape? = nil, success: (code: String, description: String, schema: Object?), errors: [String]
    ) -> Object {
        var responses: Object = [:]
        responses[success.code] = success.schema.map { ok($0, success.description) } ?? ["description": success.description]
        for code in errors { responses[code] = problem }
        var operation: Object = ["summary": summary, "parameters": parameters, "responses": responses, "security": [["bearerToken": [String]()]]]
        if let body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body.schema()]]]
        }
        return operation
    }

    static func listingPaths(municipalityCodes: [String]) -> Object {
        let root = ListingAPIController.root
        let id = parameter("id", "Listing (classroom) id", schema: ["type": "integer", "minimum": 1, "maximum": Int64.max], required: true, in: "path")
        let item = parameter("item", "The item's id from the listing's weekly_slots or one_off_sessions", schema: ["type": "string", "pattern": ListingSchema.itemIDPattern], required: true, in: "path")
        let date = parameter("date", "The cancelled date (YYYY-MM-DD)", schema: ["type": "string", "pattern": ListingSchema.datePattern], required: true, in: "path")
        let listing = ref("Listing")
        // Every write can meet a body that is not JSON (400, 415), too large (413) or not storable (422).
        let bodyErrors = ["400", "401", "403", "404", "409", "413", "415", "422"]
        var paths: Object = [
            root: [
                "get": operation(
                    "The caller's listings in any state but archived (a teacher's organiser's, a staff member's wards', every one for admin)",
                    parameters: [
                        parameter("limit", "Page size", schema: ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]),
                        parameter("offset", "Items to skip", schema: ["type": "integer", "minimum": 0, "maximum": 1_000_000, "default": 0]),
                    ],
                    success: ("200", "A page of listings", ref("ListingPage")), errors: ["400", "401"]
                ),
                "post": operation(
                    "Create a draft listing for the teacher's organiser (teachers' tokens only); submit it for approval from the teacher's page",
                    parameters: [], body: ListingSchema.create(municipalityCodes: municipalityCodes),
                    success: ("201", "The new listing; Location names it", listing), errors: ["400", "401", "403", "413", "415", "422"]
                ),
            ],
            "\(root)/{id}": [
                "get": operation("One listing as its teachers and staff see it", parameters: [id], success: ("200", "The listing", listing), errors: ["400", "401", "403", "404"]),
                "patch": operation(
                    "Change the fields sent (null clears an optional one; a schedule array replaces that part), from the version given; 409 with current_version when it is stale",
                    parameters: [id], body: ListingSchema.patch(municipalityCodes: municipalityCodes), success: ("200", "The listing as stored", listing), errors: bodyErrors
                ),
                "delete": operation(
                    "Archive the listing: it leaves the directory and this API; its record and history stay",
                    parameters: [id], success: ("204", "Archived", nil), errors: ["400", "401", "403", "404", "409"]
                ),
            ],
            "\(root)/{id}/confirm": [
                "post": operation("Still running as listed: sets last_confirmed to today (Tokyo)", parameters: [id], success: ("200", "The listing", listing), errors: ["400", "401", "403", "404", "409"]),
            ],
        ]
        for part in [ListingAPIController.weekly, ListingAPIController.oneOff, ListingAPIController.cancellations] {
            let key = part.segment == "cancellations" ? date : item
            let keyName = part.segment == "cancellations" ? "date" : "item"
            paths["\(root)/{id}/\(part.segment)"] = [
                "post": operation(
                    "Add a \(part.what); 409 when the listing has it already", parameters: [id], body: ListingSchema.item(part.shape, partial: false),
                    success: ("201", "The listing with the new \(part.what)", listing), errors: bodyErrors
                ),
            ]
            paths["\(root)/{id}/\(part.segment)/{\(keyName)}"] = [
                "patch": operation(
                    "Change the fields sent of one \(part.what)\(part.segment == "cancellations" ? "" : " (its id changes with what it says)")",
                    parameters: [id, key], body: ListingSchema.item(part.shape, partial: true), success: ("200", "The listing", listing), errors: bodyErrors
                ),
                "delete": operation("Remove one \(part.what)", parameters: [id, key], success: ("200", "The listing", listing), errors: ["400", "401", "403", "404", "409", "422"]),
            ]
        }
        return paths
    }
}
