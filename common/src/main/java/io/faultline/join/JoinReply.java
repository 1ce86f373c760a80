package io.faultline.join;

import io.faultline.protocol.AgentContract;

/**
 * The control's answer to an accepted join, sent once every node of the run has joined: the agent's certificate
 * and the run's CA (PEM), its contract with the endpoints of all members, and, for a persistent agent, the token
 * it joins the next run with. A refusal is {@code {"error": "..."}} with a 4xx or 503 status.
 *
 * @param nextToken null unless the request was persistent
 */
public record JoinReply(String certificate, String ca, AgentContract contract, String nextToken) {
}
