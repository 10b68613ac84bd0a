"""councils/*.toml: the council, its members and meetings (attendance, documents); the agenda once measures exist."""

from council.models import AgendaItem, Attendance, AttendanceKind, Council, CouncilMember, Meeting, MeetingDocument

from .base import LoaderBase
from .files import Entry


class CouncilReader(LoaderBase):
    def load_council(self, filename: str, data: Entry) -> tuple[Council | None, str]:
        where = f"councils/{filename}"
        fields = dict(data["council"])
        plan_slug = fields.pop("plan")
        fields["plan"] = self.lookup(self.plans, plan_slug, "plan", where)
        council = self.ensure(Council, {"name_lv": fields.pop("name_lv")}, fields, where=f"{where} › council")
        if council is None:
            return None, plan_slug
        members: dict[str, CouncilMember | None] = {}
        for i, entry in enumerate(data.get("members", [])):
            entry = dict(entry)
            w = f"{where} › members[{i}]"
            person = entry.pop("person_name")
            entry["institution"] = self.institution(entry.pop("institution", None), w)
            members[person] = self.ensure(CouncilMember, {"council": council, "person_name": person}, entry, where=w)
        for i, entry in enumerate(data.get("meetings", [])):
            self._meeting(council, members, dict(entry), f"{where} › meetings[{i}]")
        return council, plan_slug

    def _meeting(self, council: Council, members: dict, entry: Entry, where: str) -> None:
        ref = entry.pop("ref")
        entry.pop("agenda", None)  # loaded once the measures exist
        attending = entry.pop("member_attendance", [])
        others = entry.pop("other_attendance", [])
        documents = entry.pop("documents", [])
        chair = entry.pop("chair", None)
        if chair:
            entry["chair"] = self.lookup(members, chair, "council member", where)
        meeting = self.ensure(Meeting, {"council": council, "date": entry.pop("date")}, entry, where=where)
        self.meetings[ref] = meeting
        if meeting is None:
            return
        self._member_attendance(meeting, members, attending, where)
        for order, other in enumerate(others, start=1):
            other = dict(other)
            w = f"{where} › other_attendance[{order - 1}]"
            other["institution"] = self.institution(other.pop("institution", None), w)
            self.ensure(Attendance, {"meeting": meeting, "kind": AttendanceKind.OTHER, "order": order}, other, where=w)
        for j, doc in enumerate(documents):
            doc = dict(doc)
            key = {"meeting": meeting, "kind": doc.pop("kind"), "title_lv": doc.pop("title_lv")}
            self.ensure(MeetingDocument, key, doc, where=f"{where} › documents[{j}]")

    def _member_attendance(self, meeting: Meeting, members: dict, attending: list[str], where: str) -> None:
        for order, person in enumerate(attending, start=1):
            member = self.lookup(members, person, "council member", f"{where} › member_attendance")
            if member is None:
                continue
            self.ensure(
                Attendance,
                {"meeting": meeting, "kind": AttendanceKind.MEMBER, "order": order},
                {
                    "member": member,
                    "person_name": member.person_name,
                    "role_lv": member.role_lv,
                    "role_en": member.role_en,
                    "institution": member.institution,
                },
                where=f"{where} › member_attendance[{order - 1}]",
            )

    def load_agenda(self, filename: str, data: Entry, plan_slug: str) -> None:
        where = f"councils/{filename}"
        for i, meeting_entry in enumerate(data.get("meetings", [])):
            meeting = self.meetings[meeting_entry["ref"]]
            if meeting is None:
                continue
            for j, item in enumerate(meeting_entry.get("agenda", [])):
                item = dict(item)
                w = f"{where} › meetings[{i}] › agenda[{j}]"
                measures = [self.measure(plan_slug, ref, w) for ref in item.pop("measures", [])]
                self.ensure(
                    AgendaItem,
                    {"meeting": meeting, "order": item.pop("order")},
                    item,
                    m2m={"measures": measures},
                    where=w,
                )
