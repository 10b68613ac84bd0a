"""A synthetic plan's council: members, meetings with their attendance, and (last) the agenda items."""

import datetime

from council.models import AgendaItem, Attendance, AttendanceKind, Council, CouncilMember, Meeting, MeetingStatus
from plans.models import ActionPlan

from .base import GeneratorBase
from .vocabulary import AGENDA_ITEMS, COUNCIL_MEMBERS, INSTITUTIONS, MEETINGS_PER_PLAN, OTHER_PARTICIPANTS, TOPICS


class CouncilBuilder(GeneratorBase):
    def _council(self, plan: ActionPlan, k: int, start: datetime.date) -> list[Meeting]:
        council = self.rows.add(
            Council(
                plan=plan,
                name_lv=f"Sintētiska uzraudzības padome {k}",
                name_en=f"Synthetic supervisory council {k}",
            )
        )
        members = []
        for i in range(1, COUNCIL_MEMBERS + 1):
            members.append(
                self.rows.add(
                    CouncilMember(
                        council=council,
                        person_name=f"Sintētisks dalībnieks {k}.{i}",
                        role_lv="Sintētisks amats",
                        role_en="Synthetic position",
                        institution=self.institutions[i % INSTITUTIONS],
                        membership="chair" if i == 1 else "member",
                    )
                )
            )
        return [self._meeting(council, members, k, number, start) for number in range(1, MEETINGS_PER_PLAN + 1)]

    def _meeting(self, council: Council, members: list, k: int, number: int, start: datetime.date) -> Meeting:
        day = start + datetime.timedelta(days=120 + 330 * (number - 1))
        meeting = self.rows.add(
            Meeting(
                council=council,
                number=number,
                date=day,
                start_time=datetime.time(13, 0),
                end_time=datetime.time(14, 30),
                city_lv="Rīga",
                city_en="Riga",
                place_lv="Sintētiska sēžu zāle",
                place_en="Synthetic meeting room",
                chair=members[0],
                status=MeetingStatus.PUBLISHED if number < MEETINGS_PER_PLAN else MeetingStatus.APPROVED,
                summary_lv="Sintētisks sēdes kopsavilkums.",
                summary_en="Synthetic meeting summary.",
            )
        )
        for order, member in enumerate(members[1:], start=1):
            self.rows.add(
                Attendance(
                    meeting=meeting,
                    order=order,
                    kind=AttendanceKind.MEMBER,
                    member=member,
                    person_name=member.person_name,
                    role_lv=member.role_lv,
                    role_en=member.role_en,
                    institution=member.institution,
                )
            )
        for order in range(1, OTHER_PARTICIPANTS + 1):
            self.rows.add(
                Attendance(
                    meeting=meeting,
                    order=order,
                    kind=AttendanceKind.OTHER,
                    person_name=f"Sintētisks viesis {k}.{number}.{order}",
                    institution=self.institutions[(k + order) % INSTITUTIONS],
                )
            )
        return meeting

    def _agenda(self, meetings: list[Meeting], k: int, measures: list) -> None:
        rng = self.rng
        for meeting in meetings:
            for order in range(1, AGENDA_ITEMS + 1):
                discussion = self.paragraph(rng.choice(TOPICS), 4)
                item = self.rows.add(
                    AgendaItem(
                        meeting=meeting,
                        order=order,
                        title_lv=f"Sintētisks darba kārtības jautājums {order}",
                        title_en=f"Synthetic agenda item {order}",
                        presenters=f"Sintētisks dalībnieks {k}.{order + 1}",
                        discussion_lv=discussion[0],
                        discussion_en=discussion[1],
                        decision_lv="Pieņemt zināšanai sintētisko informāciju.",
                        decision_en="To take note of the synthetic information.",
                    )
                )
                item._measures = rng.sample(measures, 2)
