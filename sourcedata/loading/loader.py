"""The whole load, in the order the references between the files need, in one transaction."""

from django.core.management.base import CommandError
from django.db import transaction

from .consultations import ConsultationsReader
from .council import CouncilReader
from .files import read_all
from .institutions import InstitutionsReader
from .measures import MeasuresReader
from .plans import PlansReader


class Loader(InstitutionsReader, PlansReader, MeasuresReader, ConsultationsReader, CouncilReader):
    def run(self) -> None:
        institutions, plans, councils = read_all(self.source_dir)
        try:
            with transaction.atomic():
                self.load_institutions(institutions)
                for filename, data in plans:
                    self.load_plan_core(filename, data)
                loaded_councils = [(filename, data, *self.load_council(filename, data)) for filename, data in councils]
                for filename, data in plans:
                    self.load_revisions_and_measures(filename, data)
                for filename, data, council, plan_slug in loaded_councils:
                    if council is not None:
                        self.load_agenda(filename, data, plan_slug)
                for filename, data in plans:
                    self.load_consultations(filename, data)
        except KeyError as exc:
            raise CommandError(f"A fixture entry lacks the required key {exc}.") from exc
