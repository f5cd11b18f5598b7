import CaseEngine
@testable import HallModel
import Testing

@Test func caseRecordsReuseTheRecordOfACaseThatEnded() {
    var records = CaseRecords()
    let a = records.open(CaseRecord(caseID: 1))
    let b = records.open(CaseRecord(caseID: 2))
    records.close(a)
    let c = records.open(CaseRecord(caseID: 3))
    #expect(c == a && records[c].caseID == 3 && records[b].caseID == 2)
}

@Test func caseRecordsPlaceACaseWhereItStands() {
    var records = CaseRecords()
    let r = records.open(CaseRecord(caseID: 1, hall: 0))
    records.place(r, hall: 2, group: 5, window: 3)
    #expect(records[r].atHall == 2 && records[r].atGroup == 5 && records[r].atWindow == 3 && records[r].hall == 0)
}
