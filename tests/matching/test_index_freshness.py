"""A process's vector index learns of changed embeddings from the version mark, cheaply."""

import pytest

from matching import index as index_module
from matching.admin import EmbeddingAdmin
from matching.encoder import encoder
from matching.index import vector_index
from matching.models import Embedding, EmbeddingsVersion
from matching.services import embeddings_refresh
from tests.matching.helpers import freelancer_with
from tests.projects.factories import small_taxonomy

FREELANCER = Embedding.Kind.FREELANCER


@pytest.fixture
def people(db):
    small_taxonomy()
    backend = freelancer_with(headline="Backend engineer", bio="Django APIs.", skills=["Django"])
    writer = freelancer_with(headline="Copywriter", bio="Landing pages.", skills=["Copywriting"])
    embeddings_refresh(kind=FREELANCER, object_ids=[backend.pk, writer.pk])
    return backend, writer


def _ids(version: str) -> set[int]:
    return set(vector_index(FREELANCER, version).position)


def test_a_search_reads_one_row_when_nothing_moved(people, django_assert_num_queries):
    version = encoder().version
    assert _ids(version) == {p.pk for p in people}
    with django_assert_num_queries(1) as captured:
        vector_index(FREELANCER, version)
    # Not a count over the embeddings, which costs 0.1 s at 100,000 freelancers.
    assert EmbeddingsVersion._meta.db_table in captured[0]["sql"]
    assert Embedding._meta.db_table not in captured[0]["sql"].replace("embeddingsversion", "")


def test_a_re_embedded_profile_and_a_deleted_one_are_seen_at_the_next_search(people):
    backend, writer = people
    version = encoder().version
    before = vector_index(FREELANCER, version).vector(backend.pk).copy()
    backend.bio = "I write Django APIs and tune PostgreSQL for booking systems."
    backend.save()
    assert embeddings_refresh(kind=FREELANCER, object_ids=[backend.pk]).embedded == 1
    after = vector_index(FREELANCER, version).vector(backend.pk)
    assert float(before @ after) < 0.999  # the new text's vector, not the old one
    writer.delete()  # the profile goes, and its embedding with it
    assert _ids(version) == {backend.pk}


def test_a_write_around_the_services_is_seen_within_the_full_check_interval(people, monkeypatch):
    backend, writer = people
    version = encoder().version
    mark = EmbeddingsVersion.objects.get(kind=FREELANCER).token
    assert _ids(version) == {backend.pk, writer.pk}
    Embedding.objects.filter(object_id=writer.pk).delete()  # raw: the mark does not move
    assert EmbeddingsVersion.objects.get(kind=FREELANCER).token == mark
    assert _ids(version) == {backend.pk, writer.pk}  # trusted until the next full check
    clock = index_module.time.monotonic() + index_module.FULL_CHECK_SECONDS + 1
    monkeypatch.setattr(index_module.time, "monotonic", lambda: clock)
    assert _ids(version) == {backend.pk}


def test_staff_deleting_an_embedding_in_the_admin_moves_the_mark(people, rf):
    from django.contrib.admin.sites import site

    backend, writer = people
    version = encoder().version
    assert _ids(version) == {backend.pk, writer.pk}
    EmbeddingAdmin(Embedding, site).delete_queryset(
        rf.post("/"), Embedding.objects.filter(object_id=writer.pk)
    )
    assert _ids(version) == {backend.pk}
