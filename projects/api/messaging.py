"""API: message threads between an employer and a freelancer (``/api/v1/threads/...``).

Only the two parties of a thread see it; anyone else gets 404, staff included (they moderate in
the admin). Reading a thread's messages does not mark them read: ``POST threads/{id}/read/`` does,
so a client decides when the person has seen them (the web page marks read as it shows them).
"""

from datetime import datetime

from django.urls import path
from django.utils.text import Truncator
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.throttling import ActionThrottled
from projects.models import Message, Thread
from projects.selectors.messaging import (
    contract_get_for_party,
    proposal_get_for_party,
    thread_get_for_user,
    thread_last_read_at,
    thread_messages,
    thread_summary_get_for_user,
    threads_for_inbox,
)
from projects.services.messaging import (
    MESSAGE_EMPTY,
    MESSAGE_MAX_LENGTH,
    message_send,
    thread_mark_read,
    thread_open_for_contract,
    thread_open_for_proposal,
)

EXCERPT_LENGTH = 120  # as the web inbox truncates the last message
HIDDEN_NOTE = "This message was removed by a moderator."
MAX_ID = 2**31 - 1


class ThreadPartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField(help_text="The name shown to the other party.")


class ThreadProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ThreadLastMessageSerializer(serializers.Serializer):
    excerpt = serializers.CharField(
        allow_null=True,
        help_text=f"The start of the message (up to {EXCERPT_LENGTH} characters); null when "
        f"a moderator removed it (the web shows “{HIDDEN_NOTE}”).",
    )
    is_hidden = serializers.BooleanField(help_text="A moderator removed this message.")
    from_me = serializers.BooleanField(help_text="You sent it.")


class ThreadSerializer(serializers.Serializer):
    """A thread as the inbox shows it: who with, about what, the last message, what is unread."""

    id = serializers.IntegerField()
    project = ThreadProjectSerializer()
    other_party = serializers.SerializerMethodField()
    proposal_id = serializers.IntegerField(allow_null=True)
    contract_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    last_message_at = serializers.DateTimeField(allow_null=True)
    last_message = serializers.SerializerMethodField()
    unread_count = serializers.IntegerField(
        help_text="Messages from the other party you have not read yet."
    )
    has_unread = serializers.SerializerMethodField()

    def _me(self):
        return self.context["request"].user

    @extend_schema_field(ThreadPartySerializer)
    def get_other_party(self, thread: Thread) -> dict:
        other = thread.freelancer if self._me().pk == thread.employer_id else thread.employer
        return ThreadPartySerializer(other).data

    @extend_schema_field(ThreadLastMessageSerializer(allow_null=True))
    def get_last_message(self, thread: Thread) -> dict | None:
        if thread.last_body is None:
            return None
        hidden = bool(thread.last_is_hidden)
        last = {
            "excerpt": None if hidden else Truncator(thread.last_body).chars(EXCERPT_LENGTH),
            "is_hidden": hidden,
            "from_me": thread.last_sender_id == self._me().pk,
        }
        return ThreadLastMessageSerializer(last).data

    @extend_schema_field(
        serializers.BooleanField(help_text="Something from the other party is unread.")
    )
    def get_has_unread(self, thread: Thread) -> bool:
        return thread.unread_count > 0


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sender = ThreadPartySerializer()
    from_me = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    is_hidden = serializers.BooleanField(help_text="A moderator removed this message.")
    is_unread = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.BooleanField(help_text="You sent it."))
    def get_from_me(self, message: Message) -> bool:
        return message.sender_id == self.context["request"].user.pk

    @extend_schema_field(
        serializers.CharField(
            allow_null=True,
            help_text=f"The text as typed (plain text); null when a moderator removed it "
            f"(the web shows “{HIDDEN_NOTE}”).",
        )
    )
    def get_body(self, message: Message) -> str | None:
        return None if message.is_hidden else message.body

    @extend_schema_field(
        serializers.BooleanField(
            help_text="From the other party, and newer than when you last marked the thread read."
        )
    )
    def get_is_unread(self, message: Message) -> bool:
        read_before: datetime | None = self.context.get("read_before")
        return bool(
            read_before is not None
            and not message.is_hidden
            and not self.get_from_me(message)
            and message.created_at > read_before
        )


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": MESSAGE_EMPTY,
            "blank": MESSAGE_EMPTY,
            "null": MESSAGE_EMPTY,
            "max_length": f"A message can be at most {MESSAGE_MAX_LENGTH:,} characters.",
        },
        help_text="Plain text; links stay text.",
    )


class MessageListQuerySerializer(serializers.Serializer):
    after = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ID,
        help_text="Only the messages newer than this message id: poll with the last id you have.",
    )


def _thread_response(request: Request, thread: Thread) -> Response:
    thread = thread_summary_get_for_user(user=request.user, pk=thread.pk)
    return Response(ThreadSerializer(thread, context={"request": request}).data)


class ThreadList(GenericAPIView):
    filter_backends = []

    @extend_schema(responses=ThreadSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Your inbox: conversations, latest activity first, with what is unread."""
        page = self.paginate_queryset(threads_for_inbox(user=request.user))
        data = ThreadSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)


class ThreadDetail(GenericAPIView):
    @extend_schema(responses=ThreadSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One of your conversations, as the inbox shows it."""
        thread = thread_summary_get_for_user(user=request.user, pk=pk)
        return Response(ThreadSerializer(thread, context={"request": request}).data)


class ThreadMessageList(ActionThrottled, GenericAPIView):
    filter_backends = []
    throttle_scope = "message"
    extra_error_codes = (400,)  # ?after

    @extend_schema(parameters=[MessageListQuerySerializer], responses=MessageSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The messages of a conversation, oldest first, as the web shows them.

        A message a moderator removed stays in its place with `is_hidden` true and no body.
        Poll for new ones with `?after=<the last message id you have>`.
        """
        thread = thread_get_for_user(user=request.user, pk=pk)
        query = MessageListQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        after = query.validated_data.get("after")
        page = self.paginate_queryset(thread_messages(thread=thread, after_id=after))
        context = {
            "request": request,
            "read_before": thread_last_read_at(thread=thread, user=request.user),
        }
        return self.get_paginated_response(MessageSerializer(page, many=True, context=context).data)

    @extend_schema(request=MessageCreateSerializer, responses={201: MessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Send a message; the other party is notified.

        At most one notification per conversation and hour, as on the web.
        """
        thread = thread_get_for_user(user=request.user, pk=pk)
        data = MessageCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = message_send(thread=thread, sender=request.user, body=data.validated_data["body"])
        return Response(MessageSerializer(message, context={"request": request}).data, status=201)


class ThreadRead(GenericAPIView):
    @extend_schema(request=None, responses=ThreadSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Mark a conversation read, and its message notifications with it."""
        thread = thread_get_for_user(user=request.user, pk=pk)
        thread_mark_read(thread=thread, user=request.user)
        return _thread_response(request, thread)


class ProposalThread(GenericAPIView):
    @extend_schema(request=None, responses=ThreadSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Open the conversation about a proposal (or get it if it exists).

        For the freelancer who made the proposal and the employer who received it. Always 200:
        there is one conversation per project and freelancer, and opening it twice is harmless.
        """
        proposal = proposal_get_for_party(user=request.user, pk=pk)
        return _thread_response(request, thread_open_for_proposal(proposal=proposal))


class ContractThread(GenericAPIView):
    @extend_schema(request=None, responses=ThreadSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Open the conversation about a contract (or get it if it exists).

        For the contract's two parties. Always 200, as for a proposal's conversation.
        """
        contract = contract_get_for_party(user=request.user, pk=pk)
        return _thread_response(request, thread_open_for_contract(contract=contract))


urlpatterns = [
    path("threads/", ThreadList.as_view(), name="thread-list"),
    path("threads/<int:pk>/", ThreadDetail.as_view(), name="thread-detail"),
    path("threads/<int:pk>/messages/", ThreadMessageList.as_view(), name="thread-messages"),
    path("threads/<int:pk>/read/", ThreadRead.as_view(), name="thread-read"),
    path("proposals/<int:pk>/thread/", ProposalThread.as_view(), name="proposal-thread"),
    path("contracts/<int:pk>/thread/", ContractThread.as_view(), name="contract-thread"),
]
