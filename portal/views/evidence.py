"""The public download of an evidence file: only of an approved entry of a published measure."""

from django.http import Http404
from django.views.decorators.http import require_safe

from commitments.models import EvidenceFile
from ogp_portal.uploads import download_response


def _get_published_file(pk: int) -> EvidenceFile:
    found = EvidenceFile.objects.published().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@require_safe
def evidence_file(request, pk: int):
    found = _get_published_file(pk)
    try:
        handle = found.file.open("rb")
    except OSError as error:
        raise Http404 from error
    return download_response(handle, content_type=found.content_type, filename=found.original_name)
