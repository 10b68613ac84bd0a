"""What every builder shares: the seeded random generator, the rows created so far, small helpers."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from plans.models import ActionPlan

from .vocabulary import SENTENCES, synthetic_prefix


@dataclass
class Rows:
    """Everything one run creates, by model, in creation order."""

    by_model: dict[type, list] = field(default_factory=dict)

    def add(self, obj):
        self.by_model.setdefault(type(obj), []).append(obj)
        return obj


class GeneratorBase:
    def __init__(self, *, scale: int, seed: int):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.prefix = synthetic_prefix(seed)
        self.tz = timezone.get_default_timezone()
        self.plans: list[ActionPlan] = []
        self.rows = Rows()
        self.editors: list = []
        self.institutions: list = []

    def at(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, self.rng.randrange(60)), tzinfo=self.tz)

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def paragraph(self, topic: tuple[str, str], sentences: int) -> tuple[str, str]:
        chosen = [self.rng.choice(SENTENCES) for _ in range(sentences)]
        numbers = [self.rng.randint(2, 40) for _ in chosen]
        lv = " ".join(s[0].format(n=n, topic=topic[0]) for s, n in zip(chosen, numbers, strict=True))
        en = " ".join(s[1].format(n=n, topic=topic[1]) for s, n in zip(chosen, numbers, strict=True))
        return lv, en
