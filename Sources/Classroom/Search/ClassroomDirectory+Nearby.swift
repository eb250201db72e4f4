import Foundation

extension ClassroomDirectory {
    /// Up to `limit` municipalities that have published classes, nearest to `origin` first (by the
    /// municipalities' map points), leaving out those in `excluded`: where to look when a search in
    /// one municipality finds nothing.
    public func nearestMunicipalitiesWithClasses(to origin: Municipality, excluding excluded: Set<Municipality.Code>, limit: Int = 3) -> [Municipality] {
        let candidates = (try? municipalities()) ?? []
        return candidates.filter { $0.classroomCount > 0 && !excluded.contains($0.municipality.code) }.map(\.municipality)
            .sorted { Self.distance(origin.latitude, origin.longitude, $0.latitude, $0.longitude) < Self.distance(origin.latitude, origin.longitude, $1.latitude, $1.longitude) }
            .prefix(limit).map { $0 }
    }

    /// Up to `limit` other published classrooms that accept new learners at one of `classroom`'s levels,
    /// nearest first (all of them are considered, not one page): what to offer when a class is full.
    public func alternatives(to classroom: Classroom, in municipality: Municipality, limit: Int = 3) -> [(classroom: Classroom, municipality: Municipality)] {
        let levels = Set(classroom.levels)
        let origin = (classroom.latitude ?? municipality.latitude, classroom.longitude ?? municipality.longitude)
        let candidates = snapshot.entries.filter { entry in
            entry.classroom.id != classroom.id && entry.classroom.accepting && entry.classroom.levels.contains(where: levels.contains)
        }
        let distance = { (e: DirectorySnapshot.Entry) in
            Self.distance(origin.0, origin.1, e.classroom.latitude ?? e.municipality.latitude, e.classroom.longitude ?? e.municipality.longitude)
        }
        return candidates.sorted { distance($0) < distance($1) }.prefix(limit).map { ($0.classroom, $0.municipality) }
    }

    /// Squared distance on a local flat map (longitude shrunk by the latitude): enough to rank places within Tokyo.
    static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        pow(lat2 - lat1, 2) + pow((lon2 - lon1) * cos(lat1 * .pi / 180), 2)
    }
}
